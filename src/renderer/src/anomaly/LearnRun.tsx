import { useState } from 'react'
import { AnomalyFitResult, type JobSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatEta } from '../format/numbers'
import { isJobActive } from '../jobs/useLatestJob'
import type { LibraryView } from '../library/useLibraryView'
import { showAnomalyModel } from './anomalyScreen'
import { showAnomalousInLibrary } from './showAnomalous'
import { t, tRich } from '../i18n/t'
import { jobTitleText } from '../jobs/jobTitle'

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
        <h3 className="anomaly-card-title">{t('anomaly.run.title')}</h3>
        <p className="muted">{t('anomaly.run.none')}</p>
      </section>
    )
  }
  const active = isJobActive(job)
  return (
    <section className="anomaly-card" data-testid="learn-run" data-job-id={job.id} data-state={job.state}>
      <h3 className="anomaly-card-title">{active ? t('anomaly.run.title') : t('anomaly.run.latest')}</h3>
      <p className="muted anomaly-run-title">{jobTitleText(job)}</p>
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
  const eta = job.etaSeconds === null ? t('anomaly.run.estimating') : t('anomaly.run.leftAtMost', { eta: formatEta(job.etaSeconds) })
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
          aria-label={t('anomaly.run.progress')}
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={job.done}
          data-indeterminate={job.total === 0}
          data-testid="learn-progress"
        >
          <div className="progress-fill" style={{ width: `${fraction * 100}%` }} />
        </div>
        <span className="muted" data-testid="learn-eta">
          {job.total > 0 ? t('anomaly.run.progress.images', { done: job.done, total: job.total, eta }) : eta}
        </span>
        <button type="button" className="button button-small" disabled={stopping} data-testid="learn-cancel" onClick={() => void stop()}>
          {stopping ? t('anomaly.run.stopping') : t('anomaly.run.stop')}
        </button>
      </div>
      <p className="field-hint">{t('anomaly.run.hint')}</p>
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
    const model = t('anomaly.modelVersion', { name: result.name, version: result.version })
    const show = () => showAnomalousInLibrary(client, library, { id: result.modelId, active: false }).catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)))
    return (
      <div className="anomaly-outcome" data-testid="learn-outcome" data-model-id={result.modelId}>
        <p>
          {tRich('anomaly.run.outcome', {
            strong: (chunks) => (
              <strong key="strong" className="mono">
                {chunks}
              </strong>
            ),
            model,
            good: result.goodImages,
            patches: result.patches,
            threshold: result.threshold.toFixed(3),
            scored: result.scoredImages,
          })}
        </p>
        <div className="anomaly-actions">
          <button type="button" className="button button-small button-primary" data-testid="learn-show-anomalous" onClick={() => void show()}>
            {t('anomaly.run.showAnomalous')}
          </button>
          <button type="button" className="button button-small" data-testid="learn-adjust-threshold" onClick={() => showAnomalyModel(result.modelId)}>
            {t('anomaly.run.adjustThreshold')}
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
        {t('anomaly.run.failed', { reason: job.error ?? t('anomaly.run.noReason') })}
      </p>
    )
  }
  if (job.state === 'cancelled' || job.state === 'interrupted') {
    return (
      <p className="anomaly-outcome is-warning" data-testid="learn-outcome">
        {job.state === 'cancelled' ? t('anomaly.run.cancelled') : t('anomaly.run.interrupted')}
      </p>
    )
  }
  return null
}
