import { useCallback, useEffect, useEffectEvent, useState } from 'react'
import type { JobSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useReconnects } from '../client/useReconnects'
import { useToasts } from '../feedback/ToastContext'
import { arrange, isFinished, latestFinished, type Tray } from './tray'

/** Jobs from before this window opened worth showing: still going, or stopped and able to carry on. */
const needsAttention = (job: JobSummary) =>
  job.state === 'queued' || job.state === 'running' || ((job.state === 'cancelled' || job.state === 'interrupted') && job.resumable)

export interface Jobs extends Tray {
  dismiss(id: number): void
  /** Dismisses every finished job, the one that finished last included. */
  clearFinished(): void
}

interface Known {
  jobs: ReadonlyMap<number, JobSummary>
  /** The job seen finishing last in this window, which keeps its row until another one finishes. */
  latest: number | null
}

/** Progress events can overtake a jobs.list reply; of two reports on one job, keep the later. */
function merge(current: Known, job: JobSummary, next: Known): Known {
  const before = current.jobs.get(job.id)
  if (before && before.updatedAt > job.updatedAt) return next
  const jobs = new Map(next.jobs).set(job.id, job)
  return { jobs, latest: latestFinished(next.latest, before, job) }
}

export function useJobs(): Jobs {
  const client = useClient()
  const { reportError } = useToasts()
  const onError = useEffectEvent(reportError)
  const reconnects = useReconnects()
  const [known, setKnown] = useState<Known>({ jobs: new Map(), latest: null })
  const [dismissed, setDismissed] = useState<ReadonlySet<number>>(new Set())

  useClientEvent('jobs.progress', (job) => setKnown((current) => merge(current, job, current)))

  // On start, and after a reconnect, when progress events may have been missed.
  useEffect(() => {
    client.api.jobs.list({}).then(
      (list) =>
        setKnown((current) =>
          list.filter((job) => needsAttention(job) || current.jobs.has(job.id)).reduce((next, job) => merge(current, job, next), current),
        ),
      onError,
    )
  }, [client, reconnects])

  const dismiss = useCallback((id: number) => setDismissed((current) => new Set(current).add(id)), [])
  const tray = arrange(known.jobs.values(), dismissed, known.latest)
  const finishedIds = tray.rows.filter(isFinished).concat(tray.finished).map((job) => job.id)
  const clearFinished = () => setDismissed((current) => new Set([...current, ...finishedIds]))
  return { ...tray, dismiss, clearFinished }
}
