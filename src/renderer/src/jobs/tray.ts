import type { JobSummary } from '../../../shared/api/schemas'

export const isActive = (job: JobSummary): boolean => job.state === 'queued' || job.state === 'running'

/** A stopped job that can carry on still asks for a decision, so it is not yet finished business. */
export const canResume = (job: JobSummary): boolean => (job.state === 'cancelled' || job.state === 'interrupted') && job.resumable

/** Finished: nothing left to do or decide. Failures are not: their error needs reading. */
export const isFinished = (job: JobSummary): boolean =>
  job.state === 'completed' || ((job.state === 'cancelled' || job.state === 'interrupted') && !job.resumable)

export interface Tray {
  /** Shown in full, newest first: active, failed or resumable jobs, and the job that finished last. */
  rows: JobSummary[]
  /** Folded into one line, newest first. */
  finished: JobSummary[]
}

/**
 * Splits the jobs for the tray. The job that finished last (`latest`) keeps its row so that its result can be read;
 * every other finished job folds away, so a run of finished jobs takes one line however many there are. Automatic
 * indexing that completed leaves the tray: nobody asked for it, and the indexing status shows what it did.
 */
export function arrange(jobs: Iterable<JobSummary>, dismissed: ReadonlySet<number>, latest: number | null): Tray {
  const tray: Tray = { rows: [], finished: [] }
  const shown = (job: JobSummary) => !dismissed.has(job.id) && !(job.background && job.state === 'completed')
  const newestFirst = [...jobs].filter(shown).sort((a, b) => b.id - a.id)
  for (const job of newestFirst) {
    if (isFinished(job) && job.id !== latest) tray.finished.push(job)
    else tray.rows.push(job)
  }
  return tray
}

/**
 * The job that finished last, after `job` was reported: it, if this report is the one saying it finished. Work the
 * workspace did by itself (automatic indexing) never takes that row from the result of a job a person started.
 */
export function latestFinished(latest: number | null, known: JobSummary | undefined, job: JobSummary): number | null {
  const justFinished = !job.background && isFinished(job) && !(known && isFinished(known))
  return justFinished ? job.id : latest
}
