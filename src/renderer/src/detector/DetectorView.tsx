import { useState } from 'react'
import type { LibraryView } from '../library/useLibraryView'
import { screens } from '../screens/screens'
import { FullWindowView } from '../ui/FullWindowView'
import { DetectorStatusLine } from './DetectorStatusLine'
import { DetectorTrainPane } from './DetectorTrainPane'
import { DetectorVersionsPane } from './DetectorVersionsPane'
import { DEFAULT_DETECTOR_FORM, type DetectorForm } from './detectorForm'
import { showDetectorTab, type DetectorParams } from './detectorScreen'
import { FindBoxesPane } from './FindBoxesPane'
import { useDetectorRun } from './useDetectorRun'
import { useDetectorStatus } from './useDetectorStatus'
import { t } from '../i18n/t'
import '../ui/forms.css'
import '../training/training.css'
import './detector.css'

interface Props {
  params: DetectorParams
  /** Where Find boxes shows the images it found boxes on. */
  library: LibraryView
  /** A screen was opened over this one (an image opened from it): it steps aside, still mounted, keeping its place. */
  covered: boolean
}

/**
 * The box detector over the whole window: train it on the workspace's boxes (with live curves), evaluate and manage
 * its versions, and run the active one over the catalogue. It has the classifier view's layout and styles.
 */
export function DetectorView({ params: { tab = 'train', versionId = null }, library, covered }: Props) {
  const { status, problem } = useDetectorStatus()
  // Held here rather than in the Train tab, so the run keeps streaming in and the options stay while another tab is shown.
  const run = useDetectorRun()
  const [form, setForm] = useState<DetectorForm>(DEFAULT_DETECTOR_FORM)
  return (
    <FullWindowView
      title={t('detector.view.title')}
      className="training-view detector-view"
      testId="detector"
      tabs={[
        { tab: 'train', name: t('detector.tabs.train') },
        { tab: 'versions', name: t('detector.tabs.versions') },
        { tab: 'find', name: t('detector.tabs.find') },
      ]}
      tab={tab}
      onTab={showDetectorTab}
      onClose={() => screens.close('detector')}
      stepsAside={covered}
    >
      <DetectorStatusLine status={status} problem={problem} />
      <div className="training-body" role="tabpanel">
        {tab === 'train' && <DetectorTrainPane status={status} run={run} form={form} onForm={setForm} />}
        {tab === 'versions' && <DetectorVersionsPane chosenId={versionId} />}
        {tab === 'find' && <FindBoxesPane status={status} library={library} />}
      </div>
    </FullWindowView>
  )
}
