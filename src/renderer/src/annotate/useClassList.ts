import { useCallback, useEffect, useRef, useState } from 'react'
import type { Label } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'

export interface ClassList {
  labels: readonly Label[]
  /** Fetches the classes again now, rather than waiting for the catalogue's next revision. */
  refresh(): Promise<void>
}

/**
 * The classes with their counts. The app's list follows the catalogue revision, which is throttled; after the
 * person's own class edits this one is refreshed at once, so a rename or a new hotkey shows immediately.
 */
export function useClassList(revision: number, initial: readonly Label[]): ClassList {
  const client = useClient()
  const { reportError } = useToasts()
  const [labels, setLabels] = useState<readonly Label[]>(initial)
  const latestRequest = useRef(0)

  const refresh = useCallback(async () => {
    const request = ++latestRequest.current
    try {
      const next = await client.api.catalog.listLabels({})
      // Replies can overtake each other; only the newest request's reply is shown.
      if (request === latestRequest.current) setLabels(sortByName(next))
    } catch (error) {
      reportError(error)
    }
  }, [client, reportError])

  useEffect(() => {
    void refresh()
  }, [refresh, revision])

  return { labels, refresh }
}

function sortByName(labels: readonly Label[]): Label[] {
  return [...labels].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }))
}
