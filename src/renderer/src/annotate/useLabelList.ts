import { useCallback, useEffect, useRef, useState } from 'react'
import type { Label } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'

export interface LabelList {
  labels: readonly Label[]
  /** Fetches the labels again now, rather than waiting for the catalogue's next revision. */
  refresh(): Promise<void>
}

/**
 * The labels with their counts. The app's list follows the catalogue revision, which is throttled; after the
 * person's own label edits this one is refreshed at once, so a rename or a new hotkey shows immediately.
 */
export function useLabelList(revision: number, initial: readonly Label[]): LabelList {
  const client = useClient()
  const { reportError } = useToasts()
  const [labels, setLabels] = useState<readonly Label[]>(initial)
  const latestRequest = useRef(0)

  const refresh = useCallback(() => {
    const request = ++latestRequest.current
    return client.api.catalog.listLabels({}).then((next) => {
      // Replies can overtake each other; only the newest request's reply is shown.
      if (request === latestRequest.current) setLabels(sortByName(next))
    }, reportError)
  }, [client, reportError])

  useEffect(() => {
    void refresh()
  }, [refresh, revision])

  return { labels, refresh }
}

function sortByName(labels: readonly Label[]): Label[] {
  return [...labels].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }))
}
