import { TrainResult, type JobSummary } from '../../../shared/api/schemas'
import { t } from '../i18n/t'

/** What a row says of how far a job got; `null` when there is nothing worth saying. */
export type JobCounts = { kind: 'fraction'; done: number; total: number | null } | { kind: 'amount'; done: number } | { kind: 'text'; text: string }

/**
 * A training's total counts every epoch it might have run; one that stopped early finished all the same, and says
 * where it stopped rather than showing a fraction that looks cut short.
 */
function stoppedEarly(job: JobSummary): string | null {
  if (job.kind !== 'train') return null
  const result = TrainResult.safeParse(job.result)
  if (!result.success || result.data.stoppedBy !== 'early-stopping') return null
  return t('jobs.stoppedEarly', { epoch: result.data.epochs, best: result.data.bestEpoch })
}

export function jobCounts(job: JobSummary): JobCounts | null {
  const active = job.state === 'queued' || job.state === 'running'
  // A job that stopped before counting its work has no count worth showing.
  if (!active && job.total === 0) return null
  if (job.state === 'completed') {
    const early = stoppedEarly(job)
    if (early) return { kind: 'text', text: early }
    // A completed job did all there was, whatever total it guessed at first: a short fraction would read as unfinished.
    if (job.done < job.total) return { kind: 'amount', done: job.done }
  }
  return { kind: 'fraction', done: job.done, total: job.total > 0 ? job.total : null }
}
