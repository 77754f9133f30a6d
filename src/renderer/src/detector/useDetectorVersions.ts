import { useCallback, useEffect, useRef, useState } from 'react'
import type { DetectorDetail, DetectorSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useReconnects } from '../client/useReconnects'

export type Loaded<T> = { value: T; problem: null } | { value: null; problem: string } | null

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Every detector version, newest first, refetched whenever detectors change. `null` while loading. */
export function useDetectorVersions(): Loaded<DetectorSummary[]> {
  const client = useClient()
  const reconnects = useReconnects()
  const [versions, setVersions] = useState<Loaded<DetectorSummary[]>>(null)
  const latest = useRef(0)

  const refresh = useCallback(() => {
    const request = ++latest.current
    client.api.detector.versions({}).then(
      (list) => {
        if (request === latest.current) setVersions({ value: [...list].sort((a, b) => b.id - a.id), problem: null })
      },
      (error: unknown) => {
        if (request === latest.current) setVersions({ value: null, problem: messageOf(error) })
      },
    )
  }, [client])

  useEffect(() => refresh(), [refresh, reconnects])
  useClientEvent('detector.changed', refresh)
  return versions
}

/** One version with its curves and evaluation; refetched when detectors change (its threshold or active flag may have). */
export function useDetectorDetail(id: number | null): Loaded<DetectorDetail> {
  const client = useClient()
  const [detail, setDetail] = useState<{ id: number; loaded: Loaded<DetectorDetail> } | null>(null)
  const [revision, setRevision] = useState(0)
  useClientEvent('detector.changed', () => setRevision((n) => n + 1))

  useEffect(() => {
    if (id === null) return
    let current = true
    client.api.detector.version({ id }).then(
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
