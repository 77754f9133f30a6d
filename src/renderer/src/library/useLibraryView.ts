import { useMemo, useState } from 'react'
import type { ImageFilter } from '../../../shared/api/schemas'
import type { ImagePageCache } from '../catalog/ImagePageCache'
import { DEFAULT_QUERY, filterKey, filterOf, queryKey, type LibraryQuery } from './libraryQuery'
import { useImagePages } from './useImagePages'
import { useSelection, type Selection } from './useSelection'

/** What the library shows and what is selected in it; the screens opened over it read it too. */
export interface LibraryView {
  query: LibraryQuery
  setQuery(query: LibraryQuery): void
  /** Equal for queries that list the same images in the same order (see queryKey). */
  key: string
  /** The images of the query, page by page; null until its first page is asked for. */
  cache: ImagePageCache | null
  selection: Selection
  /** The query's filter without its order: visual search looks within what the library shows. */
  filter: ImageFilter
}

export function useLibraryView(revision: number): LibraryView {
  const [query, setQuery] = useState<LibraryQuery>(DEFAULT_QUERY)
  const key = queryKey(query)
  const cache = useImagePages(query, revision)
  const filter = useMemo(() => filterOf(query), [query])
  const selection = useSelection(cache, key, filter, filterKey(query))
  return { query, setQuery, key, cache, selection, filter }
}
