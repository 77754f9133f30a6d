import { useState } from 'react'
import { DEFAULT_LABEL_SOURCE, type LabelSource } from '../../../shared/api/schemas'
import { t } from '../i18n/t'
import { screens } from '../screens/screens'
import { FullWindowView } from '../ui/FullWindowView'
import { PrelabelPane } from './PrelabelPane'
import { showTrainingTab, type TrainingParams } from './trainingScreen'
import { TrainingStatusLine } from './TrainingStatusLine'
import { TrainPane } from './TrainPane'
import { useTrainingRun } from './useTrainingRun'
import { useTrainingStatus } from './useTrainingStatus'
import { VersionsPane } from './VersionsPane'
import '../ui/forms.css'
import './training.css'

interface Props {
  params: TrainingParams
  /** A screen was opened over this one (images opened from it): it steps aside, still mounted, keeping its place. */
  covered: boolean
}

/**
 * Models over the whole window: train a classifier on the labels (with live curves), evaluate and manage its versions,
 * and pre-label with the object detector, which needs neither labels nor a classifier: its tab has none of the
 * classifier's status line. Mounted while open.
 */
export function TrainingView({ params: { tab = 'train', versionId = null }, covered }: Props) {
  // Here, not in the Train tab: the status line above the tabs judges readiness under the same label source.
  const [labels, setLabels] = useState<LabelSource>(DEFAULT_LABEL_SOURCE)
  const { status, problem, refresh } = useTrainingStatus(labels)
  // Held here rather than in the Train tab, so the run keeps streaming in while another tab is shown.
  const run = useTrainingRun()
  const versions = status?.training.versions ?? 0

  return (
    <FullWindowView
      title={t('training.view.title')}
      className="training-view"
      testId="training"
      tabs={[
        { tab: 'train', name: t('training.view.tab.train') },
        {
          tab: 'versions',
          name: (
            <>
              {t('training.view.tab.versions')}
              {versions > 0 && <span className="training-tab-count">{versions}</span>}
            </>
          ),
        },
        { tab: 'prelabel', name: t('training.view.tab.prelabel') },
      ]}
      tab={tab}
      onTab={showTrainingTab}
      onClose={() => screens.close('training')}
      stepsAside={covered}
    >
      {tab !== 'prelabel' && <TrainingStatusLine status={status} problem={problem} onChanged={refresh} />}
      <div className="training-body" role="tabpanel">
        {tab === 'train' && <TrainPane status={status} run={run} labels={labels} onLabels={setLabels} />}
        {tab === 'versions' && <VersionsPane chosenId={versionId} />}
        {tab === 'prelabel' && <PrelabelPane status={status} />}
      </div>
    </FullWindowView>
  )
}
