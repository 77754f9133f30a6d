import type { DetectorSummary } from '../../../shared/api/schemas'
import { formatDateTime } from '../format/dateTime'
import { formatCount } from '../format/numbers'
import { STOP_REASON_NAMES } from '../training/formatMetrics'
import type { VersionTableProps } from '../training/ModelVersionsPane'
import { VersionTable, type VersionTableLayout } from '../training/VersionTable'
import { t } from '../i18n/t'

const DETECTOR_COLUMNS: VersionTableLayout<DetectorSummary> = {
  tableTestId: 'detector-versions',
  testIdPrefix: 'detector-',
  activeTestId: 'detector-version-active',
  activeTitle: t('detector.versions.active.title'),
  activeDeleteCost: t('detector.versions.deleteCost'),
  head: (
    <>
      <th scope="col">{t('detector.versions.column.created')}</th>
      <th scope="col">{t('detector.versions.column.classes')}</th>
      <th scope="col" className="numeric" title={t('detector.versions.column.images.title')}>
        {t('detector.versions.column.images')}
      </th>
      <th scope="col" className="numeric" title={t('detector.versions.column.epochs.title')}>
        {t('detector.versions.column.epochs')}
      </th>
      <th scope="col" className="numeric" title={t('detector.versions.column.map50.title')}>
        {t('detector.versions.column.map50')}
      </th>
      <th scope="col" className="numeric" title={t('detector.versions.column.threshold.title')}>
        {t('detector.versions.column.threshold')}
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
