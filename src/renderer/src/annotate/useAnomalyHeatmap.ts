import { useEffect, useMemo, useState } from 'react'
import type { AnomalyHeatmap } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { toastFromError } from '../feedback/toastStore'
import { OneAtATime } from './OneAtATime'

export interface HeatmapState {
  /** Whether the workspace has an anomaly model at all (null until known): the heat map is offered only then. */
  hasModel: boolean | null
  /** The shown image's map, once it has arrived. */
  heatmap: AnomalyHeatmap | null
  /** Why the shown image has no map (the other colour kind than the model's, its file gone…). */
  error: string | null
  loading: boolean
}

type HeatmapResult = { heatmap: AnomalyHeatmap } | { error: string }

/** Maps kept for stepping back and forth without asking again. */
const CACHED_MAPS = 12

/**
 * The anomaly heat map of the image shown, computed by the services on demand (anomaly.heatmap) while `wanted`.
 * One request at a time: stepping through images faster than maps come asks only for the image stepped to last, and a
 * reply for an image already left is kept for coming back but not shown. Maps are fetched once per image until the
 * anomaly models change.
 */
export function useAnomalyHeatmap(imageId: number | null, wanted: boolean): HeatmapState {
  const client = useClient()
  const [hasModel, setHasModel] = useState<boolean | null>(null)
  const [modelsVersion, setModelsVersion] = useState(0)
  const [results, setResults] = useState<ReadonlyMap<number, HeatmapResult>>(new Map())

  useEffect(() => {
    let current = true
    client.api.anomaly.models({}).then(
      (models) => current && setHasModel(models.length > 0),
      () => current && setHasModel(false),
    )
    return () => {
      current = false
    }
  }, [client, modelsVersion])

  const requests = useMemo(
    () =>
      new OneAtATime<number, HeatmapResult>(
        (id) =>
          client.api.anomaly.heatmap({ imageId: id }).then(
            (heatmap) => ({ heatmap }),
            (error: unknown) => ({ error: toastFromError(error).message }),
          ),
        (id, result) => setResults((map) => remember(map, id, result)),
      ),
    [client],
  )

  useClientEvent('anomaly.changed', () => {
    requests.forget()
    setResults(new Map())
    setModelsVersion((n) => n + 1)
  })

  const known = imageId === null ? undefined : results.get(imageId)
  const needed = wanted && hasModel === true && imageId !== null && known === undefined
  useEffect(() => {
    if (needed && imageId !== null) requests.ask(imageId)
  }, [needed, imageId, requests])

  return {
    hasModel,
    heatmap: known && 'heatmap' in known ? known.heatmap : null,
    error: known && 'error' in known ? known.error : null,
    loading: needed,
  }
}

function remember<T>(map: ReadonlyMap<number, T>, id: number, value: T): Map<number, T> {
  const kept = new Map(map)
  kept.delete(id)
  kept.set(id, value)
  while (kept.size > CACHED_MAPS) kept.delete(kept.keys().next().value!)
  return kept
}
