import type { Jobs } from './useJobs'
import { JobRow } from './JobRow'
import './jobs.css'

export function JobBar({ jobs }: { jobs: Jobs }) {
  if (jobs.visible.length === 0) return null
  return (
    <section className="job-bar" aria-label="Background jobs" data-testid="job-bar">
      {jobs.visible.map((job) => (
        <JobRow key={job.id} job={job} onDismiss={jobs.dismiss} />
      ))}
    </section>
  )
}
