import { useEffect, useRef, useState } from 'react'
import type { DicomPatient } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useReconnects } from '../client/useReconnects'

/** An import announces itself batch by batch; the tree is fetched again at most this often meanwhile. */
const REFRESH_INTERVAL_MS = 1000

/**
 * The catalogue's DICOM images as patients → studies → series; null until first fetched. Only imports and removals
 * can change it, so labelling and review edits (which also announce catalogue changes) do not fetch it again.
 */
export function useSeriesTree(): { patients: DicomPatient[] | null; error: string | null } {
  const client = useClient()
  const [state, setState] = useState<{ patients: DicomPatient[] | null; error: string | null }>({ patients: null, error: null })
  const [changes, setChanges] = useState(0)
  const reconnects = useReconnects()
  const lastFetch = useRef(0)
  const trailing = useRef<ReturnType<typeof setTimeout> | null>(null)

  useClientEvent('catalog.changed', ({ reason }) => {
    if ((reason !== 'import' && reason !== 'removed') || trailing.current) return
    const wait = Math.max(0, lastFetch.current + REFRESH_INTERVAL_MS - Date.now())
    trailing.current = setTimeout(() => {
      trailing.current = null
      setChanges((n) => n + 1)
    }, wait)
  })
  useEffect(() => () => clearTimeout(trailing.current ?? undefined), [])

  useEffect(() => {
    let current = true
    lastFetch.current = Date.now()
    client.api.dicom.series({}).then(
      (patients) => current && setState({ patients, error: null }),
      (error: unknown) => current && setState((previous) => ({ ...previous, error: error instanceof Error ? error.message : String(error) })),
    )
    return () => {
      current = false
    }
  }, [client, changes, reconnects])

  return state
}
