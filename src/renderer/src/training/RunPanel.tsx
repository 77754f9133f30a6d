import { useState, type ReactNode } from 'react'
import type { JobSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatCount, formatEta, pluralize } from '../format/numbers'
import { CurveChart } from './CurveChart'
import { ACCURACY_CURVE, LOSS_CURVE } from './curves'
import { formatDuration, formatPercent, STOP_REASON_NAMES } from './formatMetrics'
import { showTrainingTab, showVersion } from './trainingScreen'
import { isJobActive } from '../jobs/useLatestJob'
import type { TrainingRun } from './useTrainingRun'

/** The newest training run: live curves, how far it is, a way to stop it, and what it made. */
export function RunPanel({ run }: { run: TrainingRun | null | undefined }) {
  return (
    <RunCard
      run={run}
      testId="training-run"
      untrained="No classifier has been trained in this workspace yet. Once training starts, its loss and accuracy on the training and validation images are drawn here, epoch by epoch."
      preparingTestId="run-preparing"
      preparing="Preparing: gathering the embeddings of the labelled images"
      charts={
        run && (
          <>
            <CurveChart curve={LOSS_CURVE} epochs={run.epochs} bestEpoch={run.bestEpoch} />
            <CurveChart curve={ACCURACY_CURVE} epochs={run.epochs} bestEpoch={run.bestEpoch} />
          </>
        )
      }
      outcome={run && <RunOutcome run={run} />}
      stopHint="Stopping keeps the best epoch so far as a new version, without making it the active one."
    />
  )
}

interface RunCardProps<Run extends RunState> {
  /** `undefined` while loading, `null` when nothing was ever trained. */
  run: Run | null | undefined
  testId: string
  /** What is drawn here once training starts, said while nothing was ever trained. */
  untrained: string
  preparingTestId: string
  /** What the trainer does before the first epoch. */
  preparing: string
  charts: ReactNode
  outcome: ReactNode
  /** What stopping keeps, said while epochs are running. */
  stopHint: string
}

/** A training run's card, a classifier's or a detector's: its progress, Stop, its curves and how it ended. */
export function RunCard<Run extends RunState>({ run, testId, untrained, preparingTestId, preparing, charts, outcome, stopHint }: RunCardProps<Run>) {
  if (run === undefined) {
    return (
      <section className="training-card run-panel" data-testid={testId} aria-busy="true">
        <span className="spinner" aria-hidden="true" />
      </section>
    )
  }
  if (run === null) {
    return (
      <section className="training-card run-panel run-empty" data-testid={testId} data-state="none">
        <h3 className="training-card-title">Training curves</h3>
        <p className="muted">{untrained}</p>
      </section>
    )
  }

  const { job, epochs } = run
  const active = isJobActive(job)
  return (
    <section className="training-card run-panel" data-testid={testId} data-job-id={job.id} data-state={job.state} data-epochs={epochs.length}>
      <header className="run-header">
        <h3 className="training-card-title">Latest training run</h3>
        <RunProgress run={run} />
        {active && <StopButton jobId={job.id} />}
      </header>
      {active && epochs.length === 0 && (
        <p className="muted run-phase" data-testid={preparingTestId}>
          <span className="spinner" aria-hidden="true" /> {preparing}
          {job.total > 0 && ` (${formatCount(job.done)} of ${formatCount(job.total)} steps)`}…
        </p>
      )}
      <div className="run-charts">{charts}</div>
      {outcome}
      {active && epochs.length > 0 && <p className="field-hint">{stopHint}</p>}
    </section>
  )
}

/** What the progress line needs of a run, the classifier's or the detector's. */
export interface RunState {
  job: JobSummary
  epochs: readonly { epoch: number }[]
  maxEpochs: number | null
  bestEpoch: number | null
}

/** The epoch reached (of at most how many, and the best so far) and, while it runs, a progress bar and what is left. */
export function RunProgress({ run }: { run: RunState }) {
  const { job, epochs, maxEpochs, bestEpoch } = run
  const active = isJobActive(job)
  const last = epochs.at(-1)
  const fraction = job.total > 0 ? Math.min(1, job.done / job.total) : 0
  return (
    <div className="run-progress">
      <span className="run-epoch" data-testid="run-epoch" data-epoch={last?.epoch ?? 0}>
        {last ? `Epoch ${formatCount(last.epoch)}` : active ? 'Starting' : 'No epochs'}
        {last && maxEpochs !== null && <span className="muted"> of at most {formatCount(maxEpochs)}</span>}
        {bestEpoch !== null && last && <span className="muted"> · best {formatCount(bestEpoch)}</span>}
      </span>
      {active && (
        <>
          <div
            className="progress run-bar"
            role="progressbar"
            aria-label="Training progress"
            aria-valuemin={0}
            aria-valuemax={job.total}
            aria-valuenow={job.done}
            data-indeterminate={job.total === 0}
          >
            <div className="progress-fill" style={{ width: `${fraction * 100}%` }} />
          </div>
          <span className="muted run-eta" data-testid="run-eta">
            {job.etaSeconds === null ? 'estimating…' : `${formatEta(job.etaSeconds)} left at most`}
          </span>
        </>
      )}
    </div>
  )
}

/** Cancels a job: by default a training run's, whose trainer keeps the best epoch so far. */
export function StopButton({ jobId, title = 'Stop training; the best epoch so far is kept as a new version' }: { jobId: number; title?: string }) {
  const client = useClient()
  const [stopping, setStopping] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const stop = async () => {
    setStopping(true)
    setProblem(null)
    try {
      await client.api.jobs.cancel({ id: jobId })
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
      setStopping(false)
    }
  }
  return (
    <>
      <button
        type="button"
        className="button button-small"
        disabled={stopping}
        title={title}
        data-testid="run-cancel"
        onClick={() => void stop()}
      >
        {stopping ? 'Stopping…' : 'Stop'}
      </button>
      {problem && (
        <span className="training-error" role="alert">
          {problem}
        </span>
      )}
    </>
  )
}

function RunOutcome({ run }: { run: TrainingRun }) {
  const { job, result } = run
  if (job.state === 'completed' && result) {
    return (
      <div className="run-outcome" data-testid="run-outcome" data-version-id={result.versionId}>
        <p>
          <strong>{formatPercent(result.valAccuracy)}</strong> validation accuracy with <span className="mono">{result.model}</span>,
          now the active version: {pluralize(result.epochs, 'epoch')} in {formatDuration(result.seconds)} (
          {STOP_REASON_NAMES[result.stoppedBy].toLowerCase()}, best epoch {result.bestEpoch}), {formatCount(result.trainCount)} training and{' '}
          {formatCount(result.valCount)} validation samples, {pluralize(result.predicted, 'image')} predicted. Trained on {result.backend}.
        </p>
        <button type="button" className="button button-small button-primary" data-testid="run-evaluate" onClick={() => showVersion(result.versionId)}>
          Evaluate {result.model}
        </button>
      </div>
    )
  }
  return <UnfinishedOutcome run={run} testId="run-outcome" onVersions={() => showTrainingTab('versions')} />
}

/**
 * How a run that made nothing new to evaluate ended: interrupted, stopped (the best epoch kept, if there was one) or
 * failed; nothing while it runs.
 */
export function UnfinishedOutcome({ run, testId, onVersions }: { run: RunState; testId: string; onVersions(): void }) {
  const { job, epochs, bestEpoch } = run
  if (job.state === 'interrupted') {
    return (
      <div className="run-outcome is-warning" data-testid={testId}>
        <p>Interrupted: Loupe closed while this run was training, and nothing of it was kept. Start it again.</p>
      </div>
    )
  }
  if (job.state === 'cancelled') {
    return (
      <div className="run-outcome is-warning" data-testid={testId}>
        <p>
          {epochs.length === 0
            ? 'Stopped before the first epoch ended: nothing was kept.'
            : `Stopped after ${pluralize(epochs.length, 'epoch')}. The best epoch so far (${bestEpoch ?? '?'}) was kept as a new version.`}
        </p>
        {epochs.length > 0 && (
          <button type="button" className="button button-small" onClick={onVersions}>
            See versions
          </button>
        )}
      </div>
    )
  }
  if (job.state === 'failed') {
    return (
      <div className="run-outcome is-error" role="alert" data-testid={testId}>
        <p>Training failed: {job.error ?? 'no reason was given.'}</p>
      </div>
    )
  }
  return null
}
