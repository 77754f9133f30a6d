import { useEffect, useEffectEvent, useState } from 'react'
import type { LoupeClient } from '../../../shared/api/client'
import { useClient } from '../client/ClientContext'
import { useReconnects } from '../client/useReconnects'

export type Loaded<T> = { value: T; problem: null } | { value: null; problem: string } | null

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * A kind of model's versions, newest first, fetched again after a reconnect and whenever `revision` moves (the caller
 * moves it on its own change event). `null` while loading; an answer to an older request is dropped.
 */
export function useNewestVersions<Summary extends { id: number }>(
  load: (client: LoupeClient) => Promise<readonly Summary[]>,
  revision: number,
): Loaded<Summary[]> {
  const client = useClient()
  const reconnects = useReconnects()
  const [versions, setVersions] = useState<Loaded<Summary[]>>(null)
  const loadList = useEffectEvent(load)

  useEffect(() => {
    let current = true
    loadList(client).then(
      (list) => {
        if (current) setVersions({ value: [...list].sort((a, b) => b.id - a.id), problem: null })
      },
      (error: unknown) => {
        if (current) setVersions({ value: null, problem: messageOf(error) })
      },
    )
    return () => {
      current = false
    }
  }, [client, reconnects, revision])

  return versions
}

/** One version in full, fetched again whenever `revision` moves (its active flag, say, may have changed). */
export function useFullVersion<Detail>(
  load: (client: LoupeClient, id: number) => Promise<Detail>,
  id: number | null,
  revision: number,
): Loaded<Detail> {
  const client = useClient()
  const [detail, setDetail] = useState<{ id: number; loaded: Loaded<Detail> } | null>(null)
  const loadOne = useEffectEvent(load)

  useEffect(() => {
    if (id === null) return
    let current = true
    loadOne(client, id).then(
      (value) => {
        if (current) setDetail({ id, loaded: { value, problem: null } })
      },
      (error: unknown) => {
        if (current) setDetail({ id, loaded: { value: null, problem: messageOf(error) } })
      },
    )
    return () => {
      current = false
    }
  }, [client, id, revision])

  return detail?.id === id ? detail.loaded : null
}
