import type { ClassifierSummary } from '../../../shared/api/schemas'
import { formatDateTime } from '../format/dateTime'
import { formatCount } from '../format/numbers'
import { t } from '../i18n/t'
import { formatPercent, STOP_REASON_NAMES } from './formatMetrics'
import type { VersionTableProps } from './ModelVersionsPane'
import { VersionTable, type VersionTableLayout } from './VersionTable'

const CLASSIFIER_COLUMNS: VersionTableLayout<ClassifierSummary> = {
  tableTestId: 'version-list',
  testIdPrefix: '',
  activeTestId: 'version-active-marker',
  activeTitle: t('training.list.activeTitle'),
  activeDeleteCost: t('training.list.activeDeleteCost'),
  head: (
    <>
      <th scope="col">{t('training.list.created')}</th>
      <th scope="col">{t('training.backbone')}</th>
      <th scope="col">{t('training.classes')}</th>
      <th scope="col" className="numeric" title={t('training.list.samplesTitle')}>
        {t('training.list.trainVal')}
      </th>
      <th scope="col" className="numeric">
        {t('training.list.valAccuracy')}
      </th>
      <th scope="col">{t('training.list.stoppedBy')}</th>
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
        {version.samples === 'boxes' && <span className="muted"> {t('training.list.boxes')}</span>}
      </td>
      <td className="numeric" data-testid="version-accuracy">
        {version.valAccuracy === null ? '—' : formatPercent(version.valAccuracy)}
      </td>
      <td className="version-nowrap">
        {STOP_REASON_NAMES[version.stoppedBy]}
        {version.stoppedBy !== 'imported' && <span className="muted"> · {t('training.list.epochs', { epochs: version.epochs })}</span>}
      </td>
    </>
  ),
}

/** The classifier's versions, newest first: what each was trained on and how well it did, with what can be done to it. */
export function VersionList(props: VersionTableProps<ClassifierSummary>) {
  return <VersionTable {...props} layout={CLASSIFIER_COLUMNS} />
}
