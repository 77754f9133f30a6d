import type { DetectorDetail, DetectorSummary } from '../../../shared/api/schemas'
import { ModelVersionsPane, type VersionKind } from '../training/ModelVersionsPane'
import { DetectorEvaluation } from './DetectorEvaluation'
import { showDetectorVersion } from './detectorScreen'
import { DetectorVersionTable } from './DetectorVersionTable'
import { useDetectorDetail, useDetectorVersions } from './useDetectorVersions'
import { t } from '../i18n/t'

const DETECTOR_VERSIONS: VersionKind<DetectorSummary, DetectorDetail> = {
  noun: 'detector',
  testIdPrefix: 'detector-',
  api: (client) => client.api.detector,
  useVersions: useDetectorVersions,
  useDetail: useDetectorDetail,
  show: showDetectorVersion,
  activated: (version) => t('detector.versions.activated', { name: version.name }),
  exportIntro: t('detector.versions.exportIntro'),
  importIntro: t('detector.versions.importIntro'),
  afterImport: (version) => (version.active ? t('detector.versions.imported.active') : t('detector.versions.imported.inactive')),
  table: (props) => <DetectorVersionTable {...props} />,
  evaluation: (detail) => <DetectorEvaluation key={detail.id} version={detail} />,
}

/** Every detector version with its actions on top, and the chosen one's evaluation below. */
export function DetectorVersionsPane({ chosenId }: { chosenId: number | null }) {
  return <ModelVersionsPane kind={DETECTOR_VERSIONS} chosenId={chosenId} />
}
