import { useState } from 'react'
import { ExportResult, ImportResult, type JobState, type JobSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { formatBytes, formatCount, formatEta, formatRate } from '../format/numbers'
import { ExportResultSummary } from './ExportResultSummary'
import { ImportResultSummary } from './ImportResultSummary'
import { JobError } from './JobError'
import { jobCounts, type JobCounts } from './jobCounts'
import { jobTitleContent, jobTitleText } from './jobTitle'
import { canResume as resumable, isActive } from './tray'
import type { MessageKey } from '../i18n/catalog-types'
import { t } from '../i18n/t'

const STATE_NAMES: Record<JobState, MessageKey> = {
  queued: 'jobs.state.queued',
  running: 'jobs.state.running',
  completed: 'jobs.state.completed',
  failed: 'jobs.state.failed',
  cancelled: 'jobs.state.cancelled',
  interrupted: 'jobs.state.interrupted',
}

function JobTitle({ job }: { job: JobSummary }) {
  return (
    <span className="job-title" title={jobTitleText(job)} data-testid="job-title">
      {jobTitleContent(job)}
    </span>
  )
}

/** A finished job's result, told apart by the kind of job; anything that doesn't parse is left unshown. */
function JobResult({ job }: { job: JobSummary }) {
  if (job.state !== 'completed') return null
  if (job.kind === 'export') {
    const result = ExportResult.safeParse(job.result)
    return result.success ? <ExportResultSummary result={result.data} /> : null
  }
  if (job.kind === 'import') {
    const result = ImportResult.safeParse(job.result)
    return result.success ? <ImportResultSummary result={result.data} /> : null
  }
  return null
}

function countsText(counts: JobCounts, amount: (value: number) => string): string {
  if (counts.kind === 'text') return counts.text
  if (counts.kind === 'amount') return amount(counts.done)
  return `${amount(counts.done)} / ${counts.total === null ? '…' : amount(counts.total)}`
}

interface Props {
  job: JobSummary
  onDismiss(id: number): void
}

export function JobRow({ job, onDismiss }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const [busy, setBusy] = useState(false)
  const active = isActive(job)
  const canResume = resumable(job)
  const counts = jobCounts(job)
  const fraction = job.total > 0 ? Math.min(1, job.done / job.total) : 0
  // A download counts bytes, every other job items.
  const inBytes = job.kind === 'model-download'
  const amount = inBytes ? formatBytes : formatCount

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true)
    try {
      await action()
    } catch (error) {
      reportError(error)
    } finally {
      setBusy(false)
    }
  }

  const resume = () =>
    act(async () => {
      // Automatic indexing is paused, not cancelled: resuming it is the workspace's setting, which carries this job on.
      if (job.background) return client.api.search.setAutoIndex({ paused: false })
      const { id } = await client.api.jobs.resume({ id: job.id })
      // Resuming may carry on as a new job; the stopped one then has nothing more to say.
      if (id !== job.id) onDismiss(job.id)
    })
  // Stopping automatic indexing pauses it, so that the next import does not quietly start it again.
  const stop = () => act(() => (job.background ? client.api.search.setAutoIndex({ paused: true }) : client.api.jobs.cancel({ id: job.id })))

  return (
    <div className={`job-row job-${job.state}`} data-testid="job-row" data-job-id={job.id} data-job-kind={job.kind} data-job-state={job.state} data-job-background={job.background}>
      <div className="job-line">
        <JobTitle job={job} />
        <span className={`job-state state-${job.state}`} data-testid="job-state">
          {job.background && job.state === 'cancelled' ? t('jobs.state.paused') : t(STATE_NAMES[job.state])}
        </span>
        {counts && (
          <span className="job-counts" data-testid="job-counts">
            {countsText(counts, amount)}
          </span>
        )}
        {job.state === 'running' && (
          <span className="job-rate" data-testid="job-rate">
            {job.rate === null ? t('jobs.row.measuring') : inBytes ? `${formatBytes(Math.round(job.rate))}/s` : formatRate(job.rate)}
            {job.etaSeconds !== null && ` · ${formatEta(job.etaSeconds)}`}
          </span>
        )}
        <span className="job-actions">
          {active && (
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              data-testid={job.background ? 'job-pause' : 'job-cancel'}
              title={job.background ? t('jobs.row.pauseTitle') : undefined}
              onClick={stop}
            >
              {job.background ? t('jobs.row.pause') : t('jobs.row.cancel')}
            </button>
          )}
          {canResume && (
            <button type="button" className="button button-small button-primary" disabled={busy} data-testid="job-resume" onClick={resume}>
              {t('jobs.row.resume')}
            </button>
          )}
          {!active && (
            <button type="button" className="icon-button" aria-label={t('jobs.row.dismiss')} title={t('jobs.row.dismiss')} data-testid="job-dismiss" onClick={() => onDismiss(job.id)}>
              ×
            </button>
          )}
        </span>
      </div>
      {(active || canResume) && (
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={job.done}
          data-indeterminate={job.total === 0 && active}
          data-testid="job-progress"
        >
          <div className="progress-fill" style={{ width: `${fraction * 100}%` }} />
        </div>
      )}
      {job.state === 'failed' && job.error && <JobError error={job.error} />}
      <JobResult job={job} />
    </div>
  )
}
