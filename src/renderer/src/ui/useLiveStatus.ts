import { useCallback, useEffect, useRef, useState } from 'react'
import type { LoupeClient } from '../../../shared/api/client'
import { useClient } from '../client/ClientContext'
import { useReconnects } from '../client/useReconnects'

export interface LiveStatus<Status> {
  status: Status | null
  problem: string | null
  /** Asks for the status now; an answer to an earlier request that comes in later is dropped. */
  refresh(): void
  /** Asks within a second, once for a whole burst of events (progress comes many times a second). */
  refreshSoon(): void
}

/** A status loaded on mount and after a reconnect; the caller refreshes it on the events that change it. */
export function useLiveStatus<Status>(load: (client: LoupeClient) => Promise<Status>): LiveStatus<Status> {
  const client = useClient()
  const reconnects = useReconnects()
  const [status, setStatus] = useState<Status | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const latest = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const refresh = useCallback(() => {
    const request = ++latest.current
    load(client).then(
      (next) => {
        if (request !== latest.current) return
        setStatus(next)
        setProblem(null)
      },
      (error: unknown) => {
        if (request === latest.current) setProblem(error instanceof Error ? error.message : String(error))
      },
    )
  }, [client, load])

  // The timer asks with whatever `load` is current when it fires: one scheduled before the caller's question changed
  // (say, the Train view's label source) would otherwise answer the old question, and win as the latest request.
  const currentRefresh = useRef(refresh)
  useEffect(() => {
    currentRefresh.current = refresh
  }, [refresh])
  const refreshSoon = useCallback(() => {
    if (timer.current) return
    timer.current = setTimeout(() => {
      timer.current = null
      currentRefresh.current()
    }, 1000)
  }, [])

  useEffect(() => {
    refresh()
  }, [refresh, reconnects])
  useEffect(() => () => clearTimeout(timer.current ?? undefined), [])

  return { status, problem, refresh, refreshSoon }
}
