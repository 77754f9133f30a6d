import { useEffect, useMemo, useRef, useState } from 'react'
import type { ImageFilter } from '../../../shared/api/schemas'
import type { ImagePageCache } from '../catalog/ImagePageCache'
import { DEFAULT_QUERY, filterKey, filterOf, queryKey, unfiltered, type LibraryQuery } from './libraryQuery'
import { useImagePages } from './useImagePages'
import { useSelection, type Selection } from './useSelection'

/** What the library shows and what is selected in it; the screens opened over it read it too. */
export interface LibraryView {
  query: LibraryQuery
  setQuery(query: LibraryQuery): void
  /**
   * Shows exactly these images, all of them selected (a search's hits, to carry on with the library's tools); `from`
   * names where they were sent from ("search").
   */
  showImages(imageIds: readonly number[], from: string): void
  /** Equal for queries that list the same images in the same order (see queryKey). */
  key: string
  /** The images of the query, page by page; null until its first page is asked for. */
  cache: ImagePageCache | null
  selection: Selection
  /** The query's filter without its order: what visual search can be limited to. */
  filter: ImageFilter
}

export function useLibraryView(revision: number): LibraryView {
  const [query, setQuery] = useState<LibraryQuery>(DEFAULT_QUERY)
  const key = queryKey(query)
  const cache = useImagePages(query, revision)
  const filter = useMemo(() => filterOf(query), [query])
  const selection = useSelection(cache, key, filter, filterKey(query))

  // The query whose images are all to be selected once its cache exists (a selection belongs to one query's cache).
  // Checked after every render: showing the images already shown builds no new cache, yet must select them again.
  const selectAllOf = useRef<string | null>(null)
  useEffect(() => {
    if (!cache || selectAllOf.current !== key) return
    selectAllOf.current = null
    // Selecting all needs the total, which the first page brings.
    void cache.range(0, 0).then(() => selection.selectAll())
  })

  const showImages = (imageIds: readonly number[], from: string) => {
    const shown: LibraryQuery = { ...unfiltered(query), imageIds, shownFrom: from }
    selectAllOf.current = queryKey(shown)
    setQuery(shown)
  }
  return { query, setQuery, showImages, key, cache, selection, filter }
}
