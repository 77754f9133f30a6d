import { useEffect, useState } from 'react'
import type { AnomalyModelSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useToasts } from '../feedback/ToastContext'

/** Every anomaly model version, newest first; refetched when models change. Empty while loading. */
export function useAnomalyModels(): readonly AnomalyModelSummary[] {
  const client = useClient()
  const { reportError } = useToasts()
  const [models, setModels] = useState<readonly AnomalyModelSummary[]>([])
  const [revision, setRevision] = useState(0)
  useClientEvent('anomaly.changed', () => setRevision((n) => n + 1))
  useEffect(() => {
    let current = true
    client.api.anomaly.models({}).then((list) => {
      if (current) setModels(list)
    }, reportError)
    return () => {
      current = false
    }
  }, [client, revision, reportError])
  return models
}
