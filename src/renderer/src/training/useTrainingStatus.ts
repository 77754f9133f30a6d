import type { LoupeClient } from '../../../shared/api/client'
import { useCallback } from 'react'
import type { LabelSource, SearchStatus, TrainingStatus } from '../../../shared/api/schemas'
import { useClientEvent } from '../client/useClientEvent'
import { useLiveStatus, type LiveStatus } from '../ui/useLiveStatus'

export interface ModelStatus {
  training: TrainingStatus
  /** The embedding model (the classifier's backbone), its inference backend and how much is indexed. */
  search: SearchStatus
}

const loadStatus = async (client: LoupeClient, labels: LabelSource): Promise<ModelStatus> => {
  const [training, search] = await Promise.all([client.api.training.status({ labels }), client.api.search.status({})])
  return { training, search }
}

/**
 * Both statuses, kept current as labels, the index, versions and predictions change. Readiness follows `labels`, the
 * label source the Train view has chosen, so its warning and its Start button judge the run it would start.
 */
export function useTrainingStatus(labels: LabelSource): LiveStatus<ModelStatus> {
  const load = useCallback((client: LoupeClient) => loadStatus(client, labels), [labels])
  const live = useLiveStatus(load)
  // Labelling a few hundred images sends a burst of changes: these wait to be asked once.
  useClientEvent('training.changed', live.refreshSoon)
  useClientEvent('catalog.changed', live.refreshSoon)
  useClientEvent('search.indexChanged', live.refreshSoon)
  useClientEvent('jobs.progress', (job) => {
    if (job.kind !== 'index' && job.kind !== 'train') return
    if (job.state === 'running') live.refreshSoon()
    else live.refresh()
  })
  return live
}
