import type { LoupeClient } from '../../../shared/api/client'
import type { DetectorStatus } from '../../../shared/api/schemas'
import { useClientEvent } from '../client/useClientEvent'
import { useLiveStatus, type LiveStatus } from '../ui/useLiveStatus'

const loadStatus = (client: LoupeClient) => client.api.detector.status({})

/** The detector's status (backend, backbone, box classes, why it cannot train, the active version), kept current. */
export function useDetectorStatus(): LiveStatus<DetectorStatus> {
  const live = useLiveStatus(loadStatus)
  useClientEvent('detector.changed', live.refresh)
  // Boxes drawn, imported or relabelled change the classes' counts: a burst of changes is asked about once.
  useClientEvent('catalog.changed', live.refreshSoon)
  useClientEvent('search.indexChanged', live.refreshSoon)
  useClientEvent('jobs.progress', (job) => {
    if (job.kind === 'detector-train' && job.state !== 'running') live.refresh()
  })
  return live
}
