import { useEffect, useEffectEvent, useState } from 'react'
import type { CatalogStats, Label, WorkspaceInfo } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'

export interface CatalogSummary {
  workspace: WorkspaceInfo | null
  stats: CatalogStats | null
  labels: readonly Label[]
}

/** Workspace, counts and labels for the top bar and sidebar, refreshed whenever the catalogue revision moves. */
export function useCatalogSummary(revision: number): CatalogSummary {
  const client = useClient()
  const { reportError } = useToasts()
  const onError = useEffectEvent(reportError)
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null)
  const [stats, setStats] = useState<CatalogStats | null>(null)
  const [labels, setLabels] = useState<readonly Label[]>([])

  useEffect(() => {
    client.api.workspace.info({}).then(setWorkspace, onError)
  }, [client])

  useEffect(() => {
    // Replies of an older revision can land after newer ones; they must not overwrite them.
    let current = true
    Promise.all([client.api.catalog.stats({}), client.api.catalog.listLabels({})]).then(([nextStats, nextLabels]) => {
      if (!current) return
      setStats(nextStats)
      setLabels([...nextLabels].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })))
    }, onError)
    return () => {
      current = false
    }
  }, [client, revision])

  return { workspace, stats, labels }
}
