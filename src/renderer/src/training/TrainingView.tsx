import { FullWindowView } from '../ui/FullWindowView'
import { PrelabelPane } from './PrelabelPane'
import { TrainingStatusLine } from './TrainingStatusLine'
import { trainingStore, useTrainingState } from './trainingStore'
import { TrainPane } from './TrainPane'
import { useTrainingRun } from './useTrainingRun'
import { useTrainingStatus } from './useTrainingStatus'
import { VersionsPane } from './VersionsPane'
import '../imports/imports.css'
import './training.css'

/**
 * Classifiers over the whole window: train one on the labels (with live curves), evaluate and manage its versions, and
 * pre-label with the object detector. Mounted while open; it steps aside, still mounted, while the annotation
 * workspace shows images opened from it.
 */
export function TrainingView() {
  const { tab, versionId, inspecting } = useTrainingState()
  const { status, problem, refresh } = useTrainingStatus()
  // Held here rather than in the Train tab, so the run keeps streaming in while another tab is shown.
  const run = useTrainingRun()
  const versions = status?.training.versions ?? 0

  return (
    <FullWindowView
      title="Classifier"
      className="training-view"
      testId="training"
      tabs={[
        { tab: 'train', name: 'Train' },
        {
          tab: 'versions',
          name: (
            <>
              Versions &amp; evaluation
              {versions > 0 && <span className="training-tab-count">{versions}</span>}
            </>
          ),
        },
        { tab: 'prelabel', name: 'Pre-label' },
      ]}
      tab={tab}
      onTab={trainingStore.setTab}
      onClose={trainingStore.close}
      stepsAside={inspecting !== null}
    >
      <TrainingStatusLine status={status} problem={problem} onChanged={refresh} />
      <div className="training-body" role="tabpanel">
        {tab === 'train' && <TrainPane status={status} run={run} />}
        {tab === 'versions' && <VersionsPane chosenId={versionId} />}
        {tab === 'prelabel' && <PrelabelPane status={status} />}
      </div>
    </FullWindowView>
  )
}
