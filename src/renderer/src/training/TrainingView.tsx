import { useEffect, useRef } from 'react'
import { PrelabelPane } from './PrelabelPane'
import { TrainingStatusLine } from './TrainingStatusLine'
import { trainingStore, useTrainingState, type TrainingTab } from './trainingStore'
import { TrainPane } from './TrainPane'
import { useTrainingRun } from './useTrainingRun'
import { useTrainingStatus } from './useTrainingStatus'
import { VersionsPane } from './VersionsPane'
import '../imports/imports.css'
import './training.css'

const TABS: { tab: TrainingTab; name: string }[] = [
  { tab: 'train', name: 'Train' },
  { tab: 'versions', name: 'Versions & evaluation' },
  { tab: 'prelabel', name: 'Pre-label' },
]

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
  const dialogRef = useRef<HTMLDialogElement>(null)
  const stepsAside = inspecting !== null

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (stepsAside && dialog.open) dialog.close()
    if (!stepsAside && !dialog.open) dialog.showModal()
  }, [stepsAside])

  return (
    <dialog
      ref={dialogRef}
      className="training-view"
      aria-label="Classifier"
      data-testid="training-view"
      autoFocus
      tabIndex={-1}
      onCancel={(event) => {
        event.preventDefault()
        trainingStore.close()
      }}
      // The library's shortcuts listen on the window; keys pressed in here are this view's.
      onKeyDown={(event) => event.stopPropagation()}
    >
      <header className="training-header">
        <h2 className="training-title">Classifier</h2>
        <div className="training-tabs" role="tablist">
          {TABS.map((entry) => (
            <button
              key={entry.tab}
              type="button"
              role="tab"
              aria-selected={tab === entry.tab}
              className={tab === entry.tab ? 'training-tab is-active' : 'training-tab'}
              data-testid={`training-tab-${entry.tab}`}
              onClick={() => trainingStore.setTab(entry.tab)}
            >
              {entry.name}
              {entry.tab === 'versions' && status && status.training.versions > 0 && (
                <span className="training-tab-count">{status.training.versions}</span>
              )}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="icon-button training-close"
          aria-label="Close (Esc)"
          title="Close (Esc)"
          data-testid="training-close"
          onClick={trainingStore.close}
        >
          ×
        </button>
      </header>
      <TrainingStatusLine status={status} problem={problem} onChanged={refresh} />
      <div className="training-body" role="tabpanel">
        {tab === 'train' && <TrainPane status={status} run={run} />}
        {tab === 'versions' && <VersionsPane chosenId={versionId} />}
        {tab === 'prelabel' && <PrelabelPane status={status} />}
      </div>
    </dialog>
  )
}
