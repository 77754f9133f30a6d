import { FinishedJobs } from './FinishedJobs'
import { JobRow } from './JobRow'
import type { Jobs } from './useJobs'
import './jobs.css'
import { t } from '../i18n/t'

export function JobBar({ jobs }: { jobs: Jobs }) {
  if (jobs.rows.length === 0 && jobs.finished.length === 0) return null
  return (
    <section className="job-bar" aria-label={t('jobs.bar.label')} data-testid="job-bar">
      {jobs.rows.map((job) => (
        <JobRow key={job.id} job={job} onDismiss={jobs.dismiss} />
      ))}
      {jobs.finished.length > 0 && <FinishedJobs jobs={jobs.finished} onDismiss={jobs.dismiss} onClear={jobs.clearFinished} />}
    </section>
  )
}
