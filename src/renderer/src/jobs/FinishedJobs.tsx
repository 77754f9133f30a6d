import { useState } from 'react'
import type { JobSummary } from '../../../shared/api/schemas'
import { JobRow } from './JobRow'
import { t } from '../i18n/t'

interface Props {
  jobs: readonly JobSummary[]
  onDismiss(id: number): void
  onClear(): void
}

/** Finished jobs folded into one line, which opens to their rows; Clear dismisses them all. */
export function FinishedJobs({ jobs, onDismiss, onClear }: Props) {
  const [open, setOpen] = useState(false)
  return (
    <div className="job-finished" data-testid="job-finished" data-count={jobs.length}>
      <div className="job-line job-finished-line">
        <span className="job-finished-count" data-testid="job-finished-count">
          {t('jobs.finished.count', { count: jobs.length })}
        </span>
        <span aria-hidden="true">·</span>
        <button type="button" className="link-button" aria-expanded={open} data-testid="job-finished-toggle" onClick={() => setOpen(!open)}>
          {open ? t('jobs.finished.hide') : t('jobs.finished.show')}
        </button>
        <span aria-hidden="true">·</span>
        <button type="button" className="link-button" title={t('jobs.finished.clearTitle')} data-testid="job-finished-clear" onClick={onClear}>
          {t('jobs.finished.clear')}
        </button>
      </div>
      {open && (
        <div className="job-finished-rows" data-testid="job-finished-rows">
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} onDismiss={onDismiss} />
          ))}
        </div>
      )}
    </div>
  )
}
