import { useEffect, useEffectEvent, useRef, useState, useSyncExternalStore } from 'react'
import { ImagePageCache } from '../catalog/ImagePageCache'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { filterOf, queryKey, type LibraryQuery } from './libraryQuery'

const noSubscription = () => () => {}

/**
 * The page cache for the current query. A different query starts from nothing; a new catalogue revision starts a
 * fresh cache that falls back on the previous one until its own pages arrive.
 */
export function useImagePages(query: LibraryQuery, revision: number): ImagePageCache | null {
  const client = useClient()
  const { reportError } = useToasts()
  const [current, setCurrent] = useState<{ key: string; cache: ImagePageCache } | null>(null)
  const previous = useRef<{ key: string; cache: ImagePageCache } | null>(null)
  const key = queryKey(query)
  // Until the effect below has built the new query's cache, the old one must not be shown under the new filter.
  const cache = current?.key === key ? current.cache : null

  const fetchPage = useEffectEvent((offset: number, limit: number) =>
    client.api.catalog.listImages({ filter: filterOf(query), sort: query.sort, descending: query.descending, offset, limit }),
  )
  const onError = useEffectEvent(reportError)

  useEffect(() => {
    const fallback = previous.current?.key === key ? previous.current.cache : null
    const next = new ImagePageCache((offset, limit) => fetchPage(offset, limit), (error) => onError(error), fallback)
    previous.current = { key, cache: next }
    setCurrent({ key, cache: next })
    next.start()
    return () => next.dispose()
  }, [client, key, revision])

  // Re-render whenever a page lands in the cache.
  useSyncExternalStore(cache?.subscribe ?? noSubscription, cache?.snapshot ?? (() => 0))
  return cache
}
