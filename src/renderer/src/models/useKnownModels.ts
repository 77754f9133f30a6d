import { useCallback, useEffect, useState } from 'react'
import type { KnownModelInfo } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'

/** The models Loupe can get, listed again whenever a model is installed or chosen (by this window or another). */
export function useKnownModels(): { known: KnownModelInfo[] | null; problem: string | null; reload(): void } {
  const client = useClient()
  const [known, setKnown] = useState<KnownModelInfo[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [revision, setRevision] = useState(0)
  const reload = useCallback(() => setRevision((n) => n + 1), [])

  useClientEvent('search.indexChanged', reload)
  useEffect(() => {
    let current = true
    client.api.models.known({}).then(
      (listed) => {
        if (!current) return
        setKnown(listed)
        setProblem(null)
      },
      (error: unknown) => current && setProblem(error instanceof Error ? error.message : String(error)),
    )
    return () => {
      current = false
    }
  }, [client, revision])

  return { known, problem, reload }
}
