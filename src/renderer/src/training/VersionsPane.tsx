import type { ClassifierDetail, ClassifierSummary } from '../../../shared/api/schemas'
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
  activated: (version) => `${version.name} is now active; the library shows its predictions.`,
  exportIntro:
    'Writes the classifier as a TensorFlow.js layers model (model.json, weights.bin) with loupe-classifier.json, which names its classes and backbone. Another Loupe workspace can import the folder.',
  importIntro:
    'Choose a folder exported by Loupe (model.json, weights.bin, loupe-classifier.json). It is checked by loading it with TensorFlow.js and added as a new version, not yet active.',
  afterImport: () => 'activate it to use its predictions',
  table: (props) => <VersionList {...props} />,
  evaluation: (detail) => <Evaluation key={detail.id} version={detail} />,
}

/** Every classifier version with its actions on top, and the chosen one's evaluation below. */
export function VersionsPane({ chosenId }: { chosenId: number | null }) {
  return <ModelVersionsPane kind={CLASSIFIER_VERSIONS} chosenId={chosenId} />
}
