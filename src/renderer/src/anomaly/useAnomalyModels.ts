import { useCallback, useEffect, useRef, useState } from 'react'
import type { AnomalyModelSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useReconnects } from '../client/useReconnects'

export type LoadedModels = { models: AnomalyModelSummary[]; problem: null } | { models: null; problem: string } | null

/** Every anomaly model version, newest first, refetched whenever models or their scores change. `null` while loading. */
export function useAnomalyModels(): LoadedModels {
  const client = useClient()
  const reconnects = useReconnects()
  const [loaded, setLoaded] = useState<LoadedModels>(null)
  const latest = useRef(0)

  const refresh = useCallback(() => {
    const request = ++latest.current
    client.api.anomaly.models({}).then(
      (models) => {
        if (request === latest.current) setLoaded({ models, problem: null })
      },
      (error: unknown) => {
        if (request === latest.current) setLoaded({ models: null, problem: error instanceof Error ? error.message : String(error) })
      },
    )
  }, [client])

  useEffect(() => refresh(), [refresh, reconnects])
  useClientEvent('anomaly.changed', refresh)
  return loaded
}

/** The versions grouped by model name, names in order of their newest version. */
export function byName(models: readonly AnomalyModelSummary[]): Array<{ name: string; versions: AnomalyModelSummary[] }> {
  const groups = new Map<string, AnomalyModelSummary[]>()
  for (const model of models) groups.set(model.name, [...(groups.get(model.name) ?? []), model])
  return [...groups].map(([name, versions]) => ({ name, versions }))
}
