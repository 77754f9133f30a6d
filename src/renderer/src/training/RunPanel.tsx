import { useState, type ReactNode } from 'react'
import type { JobSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatEta } from '../format/numbers'
import { t, tRich } from '../i18n/t'
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
      untrained={t('training.run.untrained')}
      preparingTestId="run-preparing"
      preparing={t('training.run.preparing')}
      charts={
        run && (
          <>
            <CurveChart curve={LOSS_CURVE} epochs={run.epochs} bestEpoch={run.bestEpoch} />
            <CurveChart curve={ACCURACY_CURVE} epochs={run.epochs} bestEpoch={run.bestEpoch} />
          </>
        )
      }
      outcome={run && <RunOutcome run={run} />}
      stopHint={t('training.run.stopHint')}
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
        <h3 className="training-card-title">{t('training.run.curves')}</h3>
        <p className="muted">{untrained}</p>
      </section>
    )
  }

  const { job, epochs } = run
  const active = isJobActive(job)
  return (
    <section className="training-card run-panel" data-testid={testId} data-job-id={job.id} data-state={job.state} data-epochs={epochs.length}>
      <header className="run-header">
        <h3 className="training-card-title">{t('training.run.latest')}</h3>
        <RunProgress run={run} />
        {active && <StopButton jobId={job.id} />}
      </header>
      {active && epochs.length === 0 && (
        <p className="muted run-phase" data-testid={preparingTestId}>
          <span className="spinner" aria-hidden="true" />{' '}
          {job.total > 0 ? t('training.run.phaseSteps', { phase: preparing, done: job.done, total: job.total }) : t('training.run.phase', { phase: preparing })}
        </p>
      )}
      <div className="run-charts">{charts}</div>
      {outcome}
      {active && epochs.length > 0 && <p className="field-hint">{stopHint}</p>}
    </section>
  )
}

const muted = (chunks: ReactNode[]) => <span className="muted">{chunks}</span>

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
        {last
          ? maxEpochs === null
            ? t('training.run.epoch', { epoch: last.epoch })
            : tRich('training.run.epochOfMax', { epoch: last.epoch, max: maxEpochs, muted })
          : active
            ? t('training.run.starting')
            : t('training.run.noEpochs')}
        {bestEpoch !== null && last && <span className="muted"> · {t('training.run.best', { best: bestEpoch })}</span>}
      </span>
      {active && (
        <>
          <div
            className="progress run-bar"
            role="progressbar"
            aria-label={t('training.run.progress')}
            aria-valuemin={0}
            aria-valuemax={job.total}
            aria-valuenow={job.done}
            data-indeterminate={job.total === 0}
          >
            <div className="progress-fill" style={{ width: `${fraction * 100}%` }} />
          </div>
          <span className="muted run-eta" data-testid="run-eta">
            {job.etaSeconds === null ? t('training.run.estimating') : t('training.run.left', { eta: formatEta(job.etaSeconds) })}
          </span>
        </>
      )}
    </div>
  )
}

/** Cancels a job: by default a training run's, whose trainer keeps the best epoch so far. */
export function StopButton({ jobId, title = t('training.run.stopTitle') }: { jobId: number; title?: string }) {
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
        {stopping ? t('training.run.stopping') : t('training.stop')}
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
          {tRich('training.run.outcome', {
            accuracy: formatPercent(result.valAccuracy),
            model: result.model,
            epochs: result.epochs,
            duration: formatDuration(result.seconds),
            reason: STOP_REASON_NAMES[result.stoppedBy].toLowerCase(),
            best: result.bestEpoch,
            train: result.trainCount,
            val: result.valCount,
            predicted: result.predicted,
            backend: result.backend,
            strong: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
            mono: (chunks: ReactNode[]) => <span className="mono">{chunks}</span>,
          })}
        </p>
        <button type="button" className="button button-small button-primary" data-testid="run-evaluate" onClick={() => showVersion(result.versionId)}>
          {t('training.run.evaluate', { model: result.model })}
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
        <p>{t('training.run.interrupted')}</p>
      </div>
    )
  }
  if (job.state === 'cancelled') {
    return (
      <div className="run-outcome is-warning" data-testid={testId}>
        <p>
          {epochs.length === 0
            ? t('training.run.stoppedEarly')
            : t('training.run.stoppedAfter', { epochs: epochs.length, best: bestEpoch ?? '?' })}
        </p>
        {epochs.length > 0 && (
          <button type="button" className="button button-small" onClick={onVersions}>
            {t('training.run.seeVersions')}
          </button>
        )}
      </div>
    )
  }
  if (job.state === 'failed') {
    return (
      <div className="run-outcome is-error" role="alert" data-testid={testId}>
        <p>{t('training.run.failed', { reason: job.error ?? t('training.noReason') })}</p>
      </div>
    )
  }
  return null
}
