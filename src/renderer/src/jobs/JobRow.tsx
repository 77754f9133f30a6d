import { useState } from 'react'
import { ImportResult, type JobState, type JobSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { formatCount, formatEta, formatRate } from '../format/numbers'
import { ImportResultSummary } from './ImportResultSummary'

const STATE_NAMES: Record<JobState, string> = {
  queued: 'Waiting',
  running: 'Running',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
}

const isActive = (state: JobState) => state === 'queued' || state === 'running'

interface Props {
  job: JobSummary
  onDismiss(id: number): void
}

export function JobRow({ job, onDismiss }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const [busy, setBusy] = useState(false)
  const active = isActive(job.state)
  const canResume = (job.state === 'cancelled' || job.state === 'interrupted') && job.resumable
  const fraction = job.total > 0 ? Math.min(1, job.done / job.total) : 0
  const result = job.state === 'completed' ? ImportResult.safeParse(job.result) : null

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
      const { id } = await client.api.jobs.resume({ id: job.id })
      // Resuming may carry on as a new job; the stopped one then has nothing more to say.
      if (id !== job.id) onDismiss(job.id)
    })

  return (
    <div className={`job-row job-${job.state}`} data-testid="job-row" data-job-id={job.id} data-job-state={job.state}>
      <div className="job-line">
        <span className="job-title" title={job.title}>
          {job.title}
        </span>
        <span className={`job-state state-${job.state}`} data-testid="job-state">
          {STATE_NAMES[job.state]}
        </span>
        <span className="job-counts" data-testid="job-counts">
          {formatCount(job.done)} / {job.total > 0 ? formatCount(job.total) : '…'}
        </span>
        {job.state === 'running' && (
          <span className="job-rate" data-testid="job-rate">
            {job.rate === null ? 'measuring…' : formatRate(job.rate)}
            {job.etaSeconds !== null && ` · ${formatEta(job.etaSeconds)}`}
          </span>
        )}
        <span className="job-actions">
          {active && (
            <button type="button" className="button button-small" disabled={busy} data-testid="job-cancel" onClick={() => act(() => client.api.jobs.cancel({ id: job.id }))}>
              Cancel
            </button>
          )}
          {canResume && (
            <button type="button" className="button button-small button-primary" disabled={busy} data-testid="job-resume" onClick={resume}>
              Resume
            </button>
          )}
          {!active && (
            <button type="button" className="icon-button" aria-label="Dismiss" title="Dismiss" data-testid="job-dismiss" onClick={() => onDismiss(job.id)}>
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
      {job.state === 'failed' && job.error && <p className="job-error">{job.error}</p>}
      {result?.success && <ImportResultSummary result={result.data} />}
    </div>
  )
}
