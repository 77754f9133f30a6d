import { useEffect, useState } from 'react'
import type { ModelInfo } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'

/**
 * The installed image models, listed again when the model in use changes or one is added ('search.indexChanged') and
 * when `refreshKey` does; empty until listed, and when listing fails (whoever acts on a model hears what is wrong).
 */
export function useInstalledModels(refreshKey?: unknown): ModelInfo[] {
  const client = useClient()
  const [models, setModels] = useState<ModelInfo[]>([])
  const [revision, setRevision] = useState(0)
  useClientEvent('search.indexChanged', () => setRevision((n) => n + 1))
  useEffect(() => {
    let current = true
    client.api.models.list({}).then(
      (listed) => current && setModels(listed),
      () => current && setModels([]),
    )
    return () => {
      current = false
    }
  }, [client, refreshKey, revision])
  return models
}
