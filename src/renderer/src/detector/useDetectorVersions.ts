import { useState } from 'react'
import type { LoupeClient } from '../../../shared/api/client'
import type { DetectorDetail, DetectorSummary } from '../../../shared/api/schemas'
import { useClientEvent } from '../client/useClientEvent'
import { useFullVersion, useNewestVersions, type Loaded } from '../training/useModelVersions'

const loadVersions = (client: LoupeClient) => client.api.detector.versions({})
const loadVersion = (client: LoupeClient, id: number) => client.api.detector.version({ id })

/** Moves on every detector change: a version's threshold or active flag, or the detections it stored. */
function useDetectorRevision(): number {
  const [revision, setRevision] = useState(0)
  useClientEvent('detector.changed', () => setRevision((n) => n + 1))
  return revision
}

/** Every detector version, newest first. `null` while loading. */
export function useDetectorVersions(): Loaded<DetectorSummary[]> {
  const revision = useDetectorRevision()
  return useNewestVersions(loadVersions, revision)
}

/** One detector version with its curves and evaluation. */
export function useDetectorDetail(id: number | null): Loaded<DetectorDetail> {
  const revision = useDetectorRevision()
  return useFullVersion(loadVersion, id, revision)
}
