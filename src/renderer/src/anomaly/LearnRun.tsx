import { useState } from 'react'
import { AnomalyFitResult, type JobSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatCount, formatEta, pluralize } from '../format/numbers'
import { isJobActive } from '../jobs/useLatestJob'
import type { LibraryView } from '../library/useLibraryView'
import { showAnomalyModel } from './anomalyScreen'
import { showAnomalousInLibrary } from './showAnomalous'

interface Props {
  /** The newest learning job; undefined while jobs load, null when none ever ran. */
  job: JobSummary | null | undefined
  library: LibraryView
}

/** The newest learning run: how far it is and how long it has left, a way to stop it, and what it made. */
export function LearnRun({ job, library }: Props) {
  if (job === undefined) {
    return (
      <section className="anomaly-card" data-testid="learn-run" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
      </section>
    )
  }
  if (job === null) {
    return (
      <section className="anomaly-card" data-testid="learn-run" data-state="none">
        <h3 className="anomaly-card-title">Learning</h3>
        <p className="muted">Nothing has been learnt in this workspace yet. Once learning starts, its progress shows here.</p>
      </section>
    )
  }
  const active = isJobActive(job)
  return (
    <section className="anomaly-card" data-testid="learn-run" data-job-id={job.id} data-state={job.state}>
      <h3 className="anomaly-card-title">{active ? 'Learning' : 'Latest learning run'}</h3>
      <p className="muted anomaly-run-title">{job.title}</p>
      {active && <RunProgress job={job} />}
      <RunOutcome job={job} library={library} />
    </section>
  )
}

function RunProgress({ job }: { job: JobSummary }) {
  const client = useClient()
  const [stopping, setStopping] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const fraction = job.total > 0 ? Math.min(1, job.done / job.total) : 0
  const stop = async () => {
    setStopping(true)
    setProblem(null)
    try {
      await client.api.jobs.cancel({ id: job.id })
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
      setStopping(false)
    }
  }
  return (
    <>
      <div className="anomaly-progress">
        <div
          className="progress anomaly-bar"
          role="progressbar"
          aria-label="Learning progress"
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={job.done}
          data-indeterminate={job.total === 0}
          data-testid="learn-progress"
        >
          <div className="progress-fill" style={{ width: `${fraction * 100}%` }} />
        </div>
        <span className="muted" data-testid="learn-eta">
          {job.total > 0 && `${formatCount(job.done)} of ${formatCount(job.total)} images · `}
          {job.etaSeconds === null ? 'estimating…' : `${formatEta(job.etaSeconds)} left at most`}
        </span>
        <button type="button" className="button button-small" disabled={stopping} data-testid="learn-cancel" onClick={() => void stop()}>
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
      </div>
      <p className="field-hint">The good images are learnt first, then every catalogue image is scored.</p>
      {problem && (
        <p className="dialog-problem" role="alert">
          {problem}
        </p>
      )}
    </>
  )
}

function RunOutcome({ job, library }: Props & { job: JobSummary }) {
  const client = useClient()
  const [problem, setProblem] = useState<string | null>(null)
  if (job.state === 'completed') {
    const parsed = AnomalyFitResult.safeParse(job.result)
    if (!parsed.success) return null
    const result = parsed.data
    const model = `${result.name} v${result.version}`
    const show = () => showAnomalousInLibrary(client, library, { id: result.modelId, active: false }).catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)))
    return (
      <div className="anomaly-outcome" data-testid="learn-outcome" data-model-id={result.modelId}>
        <p>
          Learnt <strong className="mono">{model}</strong> from {pluralize(result.goodImages, 'good image')} ({formatCount(result.patches)} patches in its
          memory bank, threshold {result.threshold.toFixed(3)}) and scored {pluralize(result.scoredImages, 'catalogue image')}. It became the active
          version: the library sorts, filters and badges by it.
        </p>
        <div className="anomaly-actions">
          <button type="button" className="button button-small button-primary" data-testid="learn-show-anomalous" onClick={() => void show()}>
            Show anomalous in library
          </button>
          <button type="button" className="button button-small" data-testid="learn-adjust-threshold" onClick={() => showAnomalyModel(result.modelId)}>
            Adjust the threshold
          </button>
        </div>
        {problem && (
          <p className="dialog-problem" role="alert">
            {problem}
          </p>
        )}
      </div>
    )
  }
  if (job.state === 'failed') {
    return (
      <p className="dialog-problem anomaly-outcome" role="alert" data-testid="learn-outcome">
        Learning failed: {job.error ?? 'no reason was given.'}
      </p>
    )
  }
  if (job.state === 'cancelled' || job.state === 'interrupted') {
    return (
      <p className="anomaly-outcome is-warning" data-testid="learn-outcome">
        {job.state === 'cancelled' ? 'Stopped.' : 'Interrupted: Loupe closed while learning.'} A model stopped while it was still learning is not kept; one
        stopped while scoring the catalogue is kept with the scores made so far. Learn again to start over.
      </p>
    )
  }
  return null
}
