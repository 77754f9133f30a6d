import { useEffect, useRef, useState } from 'react'
import type { AnomalyEvaluateRequest, AnomalyEvaluation } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useReconnects } from '../client/useReconnects'

export type LoadedEvaluation = { evaluation: AnomalyEvaluation; problem: null } | { evaluation: null; problem: string } | null

/**
 * The evaluation for a request, asked again when the request changes (a threshold dragged), when models or scores
 * change, and when labels or boxes do (they are its ground truth). The last answer stays shown while the next is on its
 * way, and an answer that arrives after a newer question was asked is dropped.
 */
export function useAnomalyEvaluation(request: AnomalyEvaluateRequest): LoadedEvaluation {
  const client = useClient()
  const reconnects = useReconnects()
  const [loaded, setLoaded] = useState<LoadedEvaluation>(null)
  const [revision, setRevision] = useState(0)
  const latest = useRef(0)
  const key = JSON.stringify(request)

  useClientEvent('anomaly.changed', () => setRevision((n) => n + 1))
  useClientEvent('catalog.changed', ({ reason }) => {
    if (reason !== 'status') setRevision((n) => n + 1)
  })

  useEffect(() => {
    const asked = ++latest.current
    client.api.anomaly.evaluate(JSON.parse(key) as AnomalyEvaluateRequest).then(
      (evaluation) => {
        if (asked === latest.current) setLoaded({ evaluation, problem: null })
      },
      (error: unknown) => {
        if (asked === latest.current) setLoaded({ evaluation: null, problem: error instanceof Error ? error.message : String(error) })
      },
    )
  }, [client, key, revision, reconnects])

  return loaded
}
