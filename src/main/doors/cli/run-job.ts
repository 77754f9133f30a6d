import type { JobSummary } from '../../../shared/api/schemas'
import type { Loupe } from '../../app/loupe'
import { formatBytes } from '../../../shared/format/bytes'
import { formatEta, type Output } from './output'

export class Interrupted extends Error {}

/** Follows a job to its end, drawing progress; Ctrl+C cancels it cleanly so that it can be resumed later. */
export async function followJob(loupe: Loupe, jobId: number, output: Output, options: { unit?: 'items' | 'bytes' } = {}): Promise<JobSummary> {
  const amount = options.unit === 'bytes' ? formatBytes : String
  let interrupted = false
  const onSignal = () => {
    interrupted = true
    loupe.jobs.cancel(jobId)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const unsubscribe = loupe.events.subscribe((event, payload) => {
    if (event !== 'jobs.progress') return
    const job = payload as JobSummary
    if (job.id !== jobId || job.state !== 'running') return
    const perSecond = job.rate === null ? '' : options.unit === 'bytes' ? formatBytes(Math.round(job.rate)) : job.rate.toFixed(1)
    const rate = job.rate === null ? '' : ` · ${perSecond}/s · ${formatEta(job.etaSeconds)}`
    output.progress(`${job.title}: ${amount(job.done)}/${job.total ? amount(job.total) : '?'}${rate}`)
  })
  try {
    const job = await loupe.jobs.settled(jobId)
    if (interrupted) throw new Interrupted(`Stopped after ${job.done} of ${job.total}. Run "loupe jobs resume ${jobId}" (or the same command again) to carry on.`)
    if (job.state === 'failed') throw new Error(job.error ?? `Job ${jobId} failed.`)
    return job
  } finally {
    unsubscribe()
    output.endProgress()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
