import { useCallback, useEffect, useRef, useState } from 'react'
import type { SearchStatus, TrainingStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useReconnects } from '../client/useReconnects'

export interface ModelStatus {
  training: TrainingStatus
  /** The embedding model (the classifier's backbone), its inference backend and how much is indexed. */
  search: SearchStatus
}

/** Both statuses, kept current as labels, the index, versions and predictions change. */
export function useTrainingStatus(): { status: ModelStatus | null; problem: string | null; refresh(): void } {
  const client = useClient()
  const reconnects = useReconnects()
  const [status, setStatus] = useState<ModelStatus | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const latest = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const refresh = useCallback(() => {
    const request = ++latest.current
    Promise.all([client.api.training.status({}), client.api.search.status({})]).then(
      ([training, search]) => {
        if (request !== latest.current) return
        setStatus({ training, search })
        setProblem(null)
      },
      (error: unknown) => {
        if (request === latest.current) setProblem(error instanceof Error ? error.message : String(error))
      },
    )
  }, [client])

  // Labelling a few hundred images sends a burst of changes; one status a second is plenty.
  const soon = () => {
    if (timer.current) return
    timer.current = setTimeout(() => {
      timer.current = null
      refresh()
    }, 1000)
  }

  useEffect(() => {
    refresh()
  }, [refresh, reconnects])
  useEffect(() => () => clearTimeout(timer.current ?? undefined), [])
  useClientEvent('training.changed', soon)
  useClientEvent('catalog.changed', soon)
  useClientEvent('search.indexChanged', soon)
  useClientEvent('jobs.progress', (job) => {
    if (job.kind !== 'index' && job.kind !== 'train') return
    if (job.state === 'running') soon()
    else refresh()
  })

  return { status, problem, refresh }
}
