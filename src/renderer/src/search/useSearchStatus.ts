import type { LoupeClient } from '../../../shared/api/client'
import type { SearchStatus } from '../../../shared/api/schemas'
import { useClientEvent } from '../client/useClientEvent'
import { useLiveStatus, type LiveStatus } from '../ui/useLiveStatus'

const loadStatus = (client: LoupeClient) => client.api.search.status({})

/** The search status, kept current: refreshed when the index or the catalogue changes and as indexing jobs move. */
export function useSearchStatus(): LiveStatus<SearchStatus> {
  const live = useLiveStatus(loadStatus)
  useClientEvent('search.indexChanged', live.refresh)
  useClientEvent('search.autoIndexChanged', live.refresh)
  useClientEvent('catalog.changed', live.refreshSoon)
  useClientEvent('jobs.progress', (job) => {
    if (job.kind !== 'index') return
    if (job.state === 'running') live.refreshSoon()
    else live.refresh()
  })
  return live
}
