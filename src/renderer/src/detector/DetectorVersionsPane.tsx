import type { DetectorDetail, DetectorSummary } from '../../../shared/api/schemas'
import { ModelVersionsPane, type VersionKind } from '../training/ModelVersionsPane'
import { DetectorEvaluation } from './DetectorEvaluation'
import { showDetectorVersion } from './detectorScreen'
import { DetectorVersionTable } from './DetectorVersionTable'
import { useDetectorDetail, useDetectorVersions } from './useDetectorVersions'

const DETECTOR_VERSIONS: VersionKind<DetectorSummary, DetectorDetail> = {
  noun: 'detector',
  testIdPrefix: 'detector-',
  api: (client) => client.api.detector,
  useVersions: useDetectorVersions,
  useDetail: useDetectorDetail,
  show: showDetectorVersion,
  activated: (version) => `${version.name} is now active: it suggests boxes, and Find boxes runs it over the library.`,
  exportIntro:
    "Writes the detector's head (head.bin) with loupe-detector.json, which names its classes, backbone and score threshold. Another Loupe workspace with the same backbone can import the folder.",
  importIntro: 'Choose a folder exported by Loupe (loupe-detector.json, head.bin). It is checked and added as a new version.',
  afterImport: (version) => (version.active ? 'it is the active version' : 'activate it to use it'),
  table: (props) => <DetectorVersionTable {...props} />,
  evaluation: (detail) => <DetectorEvaluation key={detail.id} version={detail} />,
}

/** Every detector version with its actions on top, and the chosen one's evaluation below. */
export function DetectorVersionsPane({ chosenId }: { chosenId: number | null }) {
  return <ModelVersionsPane kind={DETECTOR_VERSIONS} chosenId={chosenId} />
}
