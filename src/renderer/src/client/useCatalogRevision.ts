import { useEffect, useRef, useState } from 'react'
import { useClientEvent } from './useClientEvent'
import { useReconnects } from './useReconnects'

/** An import announces changes batch by batch; refreshing at most this often keeps the grid calm while it runs. */
const REFRESH_INTERVAL_MS = 500

/**
 * A number that goes up whenever what the catalogue shows may have changed: on 'catalog.changed' and on new
 * predictions, which the library shows on its tiles (at most every half second, always ending with one last bump),
 * and after a reconnect, when events may have been missed.
 */
export function useCatalogRevision(): number {
  const [changes, setChanges] = useState(0)
  const lastBump = useRef(0)
  const trailing = useRef<ReturnType<typeof setTimeout> | null>(null)

  const bump = () => {
    lastBump.current = Date.now()
    setChanges((n) => n + 1)
  }

  const changed = () => {
    if (trailing.current) return
    const wait = lastBump.current + REFRESH_INTERVAL_MS - Date.now()
    if (wait <= 0) return bump()
    trailing.current = setTimeout(() => {
      trailing.current = null
      bump()
    }, wait)
  }
  useClientEvent('catalog.changed', changed)
  useClientEvent('training.changed', ({ reason }) => {
    if (reason === 'predictions') changed()
  })
  // New anomaly scores change the library's badges, its "Anomalous" count and its anomaly order.
  useClientEvent('anomaly.changed', changed)

  useEffect(() => () => clearTimeout(trailing.current ?? undefined), [])

  return changes + useReconnects()
}
