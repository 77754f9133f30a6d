import { useState } from 'react'
import type { LoupeClient } from '../../../shared/api/client'
import type { ClassifierDetail, ClassifierSummary } from '../../../shared/api/schemas'
import { useClientEvent } from '../client/useClientEvent'
import { useFullVersion, useNewestVersions, type Loaded } from './useModelVersions'

const loadVersions = (client: LoupeClient) => client.api.training.versions({})
const loadVersion = (client: LoupeClient, id: number) => client.api.training.version({ id })

/** Moves whenever classifier versions change (not on predictions or suggestions). */
function useVersionsRevision(): number {
  const [revision, setRevision] = useState(0)
  useClientEvent('training.changed', ({ reason }) => {
    if (reason === 'versions') setRevision((n) => n + 1)
  })
  return revision
}

/** Every classifier version, newest first. `null` while loading. */
export function useVersions(): Loaded<ClassifierSummary[]> {
  const revision = useVersionsRevision()
  return useNewestVersions(loadVersions, revision)
}

/** One classifier version with its evaluation. */
export function useVersionDetail(id: number | null): Loaded<ClassifierDetail> {
  const revision = useVersionsRevision()
  return useFullVersion(loadVersion, id, revision)
}
