import type { ClassifierDetail, ClassifierSummary } from '../../../shared/api/schemas'
import { t } from '../i18n/t'
import { Evaluation } from './Evaluation'
import { ModelVersionsPane, type VersionKind } from './ModelVersionsPane'
import { showVersion } from './trainingScreen'
import { useVersionDetail, useVersions } from './useVersions'
import { VersionList } from './VersionList'

const CLASSIFIER_VERSIONS: VersionKind<ClassifierSummary, ClassifierDetail> = {
  noun: 'classifier',
  testIdPrefix: '',
  api: (client) => client.api.training,
  useVersions,
  useDetail: useVersionDetail,
  show: showVersion,
  activated: (version) => t('training.versions.classifier.activated', { name: version.name }),
  exportIntro: t('training.versions.classifier.exportIntro'),
  importIntro: t('training.versions.classifier.importIntro'),
  afterImport: () => t('training.versions.classifier.afterImport'),
  table: (props) => <VersionList {...props} />,
  evaluation: (detail) => <Evaluation key={detail.id} version={detail} />,
}

/** Every classifier version with its actions on top, and the chosen one's evaluation below. */
export function VersionsPane({ chosenId }: { chosenId: number | null }) {
  return <ModelVersionsPane kind={CLASSIFIER_VERSIONS} chosenId={chosenId} />
}
