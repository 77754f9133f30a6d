import { useCallback, useEffect, useRef, useState } from 'react'
import type { SearchStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'

/** The search status, kept current: refreshed when the index or the catalogue changes and as indexing jobs move. */
export function useSearchStatus(): { status: SearchStatus | null; problem: string | null; refresh(): void } {
  const client = useClient()
  const [status, setStatus] = useState<SearchStatus | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const latest = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const refresh = useCallback(() => {
    const request = ++latest.current
    client.api.search.status({}).then(
      (next) => {
        if (request !== latest.current) return
        setStatus(next)
        setProblem(null)
      },
      (error: unknown) => {
        if (request === latest.current) setProblem(error instanceof Error ? error.message : String(error))
      },
    )
  }, [client])

  // Progress events come many a second while indexing; asking for the status once a second is plenty.
  const soon = () => {
    if (timer.current) return
    timer.current = setTimeout(() => {
      timer.current = null
      refresh()
    }, 1000)
  }

  useEffect(() => {
    refresh()
    return () => clearTimeout(timer.current ?? undefined)
  }, [refresh])
  useClientEvent('search.indexChanged', refresh)
  useClientEvent('catalog.changed', soon)
  useClientEvent('jobs.progress', (job) => {
    if (job.kind !== 'index') return
    if (job.state === 'running') soon()
    else refresh()
  })

  return { status, problem, refresh }
}
