import type { ClassifierSummary } from '../../../shared/api/schemas'
import { formatDateTime } from '../format/dateTime'
import { formatCount } from '../format/numbers'
import { formatPercent, STOP_REASON_NAMES } from './formatMetrics'
import type { VersionTableProps } from './ModelVersionsPane'
import { VersionTable, type VersionTableLayout } from './VersionTable'

const CLASSIFIER_COLUMNS: VersionTableLayout<ClassifierSummary> = {
  tableTestId: 'version-list',
  testIdPrefix: '',
  activeTestId: 'version-active-marker',
  activeTitle: 'Its predictions are the ones the library shows',
  activeDeleteCost: ' The library loses its predictions.',
  head: (
    <>
      <th scope="col">Created</th>
      <th scope="col">Backbone</th>
      <th scope="col">Classes</th>
      <th scope="col" className="numeric" title="Training and validation samples">
        Train / val
      </th>
      <th scope="col" className="numeric">
        Val. acc.
      </th>
      <th scope="col">Stopped by</th>
    </>
  ),
  cells: (version) => (
    <>
      <td className="version-nowrap">{formatDateTime(version.createdAt)}</td>
      <td className="mono version-backbone" title={version.backbone}>
        {version.backbone}
      </td>
      <td className="version-classes" title={version.classes.join(', ')}>
        {version.classes.length} · {version.classes.join(', ')}
      </td>
      <td className="numeric">
        {formatCount(version.trainCount)} / {formatCount(version.valCount)}
        {version.samples === 'boxes' && <span className="muted"> boxes</span>}
      </td>
      <td className="numeric" data-testid="version-accuracy">
        {version.valAccuracy === null ? '—' : formatPercent(version.valAccuracy)}
      </td>
      <td className="version-nowrap">
        {STOP_REASON_NAMES[version.stoppedBy]}
        {version.stoppedBy !== 'imported' && <span className="muted"> · {version.epochs} ep.</span>}
      </td>
    </>
  ),
}

/** The classifier's versions, newest first: what each was trained on and how well it did, with what can be done to it. */
export function VersionList(props: VersionTableProps<ClassifierSummary>) {
  return <VersionTable {...props} layout={CLASSIFIER_COLUMNS} />
}
