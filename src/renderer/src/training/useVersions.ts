import { useCallback, useEffect, useRef, useState } from 'react'
import type { ClassifierDetail, ClassifierSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useReconnects } from '../client/useReconnects'

export type Loaded<T> = { value: T; problem: null } | { value: null; problem: string } | null

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Every classifier version, newest first, refetched whenever versions change. `null` while loading. */
export function useVersions(): { versions: Loaded<ClassifierSummary[]>; refresh(): void } {
  const client = useClient()
  const reconnects = useReconnects()
  const [versions, setVersions] = useState<Loaded<ClassifierSummary[]>>(null)
  const latest = useRef(0)

  const refresh = useCallback(() => {
    const request = ++latest.current
    client.api.training.versions({}).then(
      (list) => {
        if (request === latest.current) setVersions({ value: [...list].sort((a, b) => b.id - a.id), problem: null })
      },
      (error: unknown) => {
        if (request === latest.current) setVersions({ value: null, problem: messageOf(error) })
      },
    )
  }, [client])

  useEffect(() => refresh(), [refresh, reconnects])
  useClientEvent('training.changed', ({ reason }) => {
    if (reason === 'versions') refresh()
  })
  return { versions, refresh }
}

/** One version with its evaluation; refetched when versions change (its active flag may have). */
export function useVersionDetail(id: number | null): Loaded<ClassifierDetail> {
  const client = useClient()
  const [detail, setDetail] = useState<{ id: number; loaded: Loaded<ClassifierDetail> } | null>(null)
  const [revision, setRevision] = useState(0)

  useClientEvent('training.changed', ({ reason }) => {
    if (reason === 'versions') setRevision((n) => n + 1)
  })

  useEffect(() => {
    if (id === null) return
    let current = true
    client.api.training.version({ id }).then(
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
