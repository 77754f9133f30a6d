import { useEffect, useEffectEvent, useState } from 'react'
import type { JobKind, JobSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useReconnects } from '../client/useReconnects'
import { useToasts } from '../feedback/ToastContext'

export const isJobActive = (job: JobSummary | null): boolean => job !== null && (job.state === 'queued' || job.state === 'running')

/** Of two reports, the newer job wins; of two reports on one job, the later one (events can overtake a list reply). */
function newer(current: JobSummary | null, job: JobSummary): JobSummary | null {
  if (!current || job.id > current.id) return job
  if (job.id === current.id && job.updatedAt >= current.updatedAt) return job
  return current
}

/**
 * The newest job of one kind (started here or anywhere else, before or after the view opened), kept current by
 * progress events. `undefined` until the jobs have been listed.
 */
export function useLatestJob(kind: JobKind): JobSummary | null | undefined {
  const client = useClient()
  const { reportError } = useToasts()
  const onError = useEffectEvent(reportError)
  const reconnects = useReconnects()
  const [job, setJob] = useState<JobSummary | null | undefined>(undefined)

  useEffect(() => {
    client.api.jobs.list({}).then(
      (jobs) =>
        setJob((current) => jobs.filter((candidate) => candidate.kind === kind).reduce<JobSummary | null>(newer, current ?? null)),
      onError,
    )
  }, [client, kind, reconnects])

  useClientEvent('jobs.progress', (summary) => {
    if (summary.kind === kind) setJob((current) => newer(current ?? null, summary))
  })

  return job
}
