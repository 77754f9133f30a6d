import { useCallback, useEffect, useEffectEvent, useState } from 'react'
import type { JobSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useReconnects } from '../client/useReconnects'
import { useToasts } from '../feedback/ToastContext'

/** Jobs from before this window opened worth showing: still going, or stopped and able to carry on. */
const needsAttention = (job: JobSummary) =>
  job.state === 'queued' || job.state === 'running' || ((job.state === 'cancelled' || job.state === 'interrupted') && job.resumable)

export interface Jobs {
  /** Newest first, without the ones the person dismissed. */
  visible: readonly JobSummary[]
  dismiss(id: number): void
}

/** Progress events can overtake a jobs.list reply; of two reports on one job, keep the later. */
function merge(current: ReadonlyMap<number, JobSummary>, job: JobSummary, next: Map<number, JobSummary>) {
  const known = current.get(job.id)
  if (!known || known.updatedAt <= job.updatedAt) next.set(job.id, job)
}

export function useJobs(): Jobs {
  const client = useClient()
  const { reportError } = useToasts()
  const onError = useEffectEvent(reportError)
  const reconnects = useReconnects()
  const [jobs, setJobs] = useState<ReadonlyMap<number, JobSummary>>(new Map())
  const [dismissed, setDismissed] = useState<ReadonlySet<number>>(new Set())

  useClientEvent('jobs.progress', (job) =>
    setJobs((current) => {
      const next = new Map(current)
      merge(current, job, next)
      return next
    }),
  )

  // On start, and after a reconnect, when progress events may have been missed.
  useEffect(() => {
    client.api.jobs.list({}).then(
      (list) =>
        setJobs((current) => {
          const next = new Map(current)
          for (const job of list) if (needsAttention(job) || current.has(job.id)) merge(current, job, next)
          return next
        }),
      onError,
    )
  }, [client, reconnects])

  const dismiss = useCallback((id: number) => setDismissed((current) => new Set(current).add(id)), [])
  const visible = [...jobs.values()].filter((job) => !dismissed.has(job.id)).sort((a, b) => b.id - a.id)
  return { visible, dismiss }
}
