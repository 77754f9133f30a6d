import type { JobSummary } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'

export function listJobsCommand(loupe: Loupe, output: Output): void {
  const jobs = loupe.jobs.list()
  output.result(jobs, () =>
    jobs.length === 0 ? 'No jobs yet.' : jobs.map((job) => describeJob(job)).join('\n'),
  )
}

export async function resumeJobCommand(loupe: Loupe, id: number, output: Output): Promise<void> {
  loupe.jobs.resume(id)
  const job = await followJob(loupe, id, output)
  output.result(job.result, () => describeJob(job))
}

function describeJob(job: JobSummary): string {
  const progress = job.total ? ` ${job.done}/${job.total}` : ''
  const hint = job.resumable ? ` (resume with: loupe jobs resume ${job.id})` : ''
  const error = job.error ? ` — ${job.error}` : ''
  return `#${job.id} ${job.kind.padEnd(8)} ${job.state.padEnd(11)}${progress} ${job.title}${error}${hint}`
}
