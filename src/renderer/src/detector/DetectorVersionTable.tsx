import type { DetectorSummary } from '../../../shared/api/schemas'
import { formatDateTime } from '../format/dateTime'
import { formatCount } from '../format/numbers'
import { STOP_REASON_NAMES } from '../training/formatMetrics'
import type { VersionTableProps } from '../training/ModelVersionsPane'
import { VersionTable, type VersionTableLayout } from '../training/VersionTable'

const DETECTOR_COLUMNS: VersionTableLayout<DetectorSummary> = {
  tableTestId: 'detector-versions',
  testIdPrefix: 'detector-',
  activeTestId: 'detector-version-active',
  activeTitle: 'It suggests boxes and finds them across the library',
  activeDeleteCost: ' The library loses the boxes it found.',
  head: (
    <>
      <th scope="col">Created</th>
      <th scope="col">Classes</th>
      <th scope="col" className="numeric" title="Training and validation images">
        Images
      </th>
      <th scope="col" className="numeric" title="Epochs run, and the one whose weights were kept">
        Epochs / best
      </th>
      <th scope="col" className="numeric" title="Mean average precision at IoU 0.5 on the validation images">
        Val. mAP50
      </th>
      <th scope="col" className="numeric" title="Boxes scoring at least this are suggested and count as found">
        Threshold
      </th>
    </>
  ),
  cells: (version) => (
    <>
      <td className="version-nowrap">{formatDateTime(version.createdAt)}</td>
      <td className="version-classes" title={version.classes.join(', ')}>
        {version.classes.length} · {version.classes.join(', ')}
      </td>
      <td className="numeric">
        {formatCount(version.trainImages)} / {formatCount(version.valImages)}
      </td>
      <td className="numeric version-nowrap" title={STOP_REASON_NAMES[version.stoppedBy]}>
        {version.epochs} / {version.bestEpoch}
      </td>
      <td className="numeric mono" data-testid="detector-version-map50">
        {version.valMAP50 === null ? '—' : version.valMAP50.toFixed(3)}
      </td>
      <td className="numeric mono" data-testid="detector-version-threshold">
        {version.scoreThreshold.toFixed(2)}
      </td>
    </>
  ),
}

/** The detector's versions, newest first: what each learnt from and how well it finds boxes, with what can be done to it. */
export function DetectorVersionTable(props: VersionTableProps<DetectorSummary>) {
  return <VersionTable {...props} layout={DETECTOR_COLUMNS} />
}
