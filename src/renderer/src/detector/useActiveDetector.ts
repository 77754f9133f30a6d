import { useCallback, useEffect, useRef, useState } from 'react'
import type { DetectorSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useReconnects } from '../client/useReconnects'

/**
 * The detector version that suggests boxes, or null when there is none (or the versions cannot be read: the
 * suggestion button is then simply not offered). Refetched whenever detectors change.
 */
export function useActiveDetector(): DetectorSummary | null {
  const client = useClient()
  const reconnects = useReconnects()
  const [active, setActive] = useState<DetectorSummary | null>(null)
  const latest = useRef(0)

  const refresh = useCallback(() => {
    const request = ++latest.current
    client.api.detector.versions({}).then(
      (versions) => {
        if (request === latest.current) setActive(versions.find((version) => version.active) ?? null)
      },
      () => {
        if (request === latest.current) setActive(null)
      },
    )
  }, [client])

  useEffect(() => refresh(), [refresh, reconnects])
  useClientEvent('detector.changed', refresh)
  return active
}
