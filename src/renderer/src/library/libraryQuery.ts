import type { ImageFilter, ImageSort, ReviewStatus } from '../../../shared/api/schemas'
import { STATUS_NAMES } from '../format/reviewStatus'

/** What the grid shows: label and status are independent facets, so "cat" and "Needs fix" can combine. */
export interface LibraryQuery {
  /** undefined: any label; null: images without a label; a name: images carrying it. */
  label: string | null | undefined
  status: ReviewStatus | undefined
  sort: ImageSort
  descending: boolean
}

export const DEFAULT_QUERY: LibraryQuery = { label: undefined, status: undefined, sort: 'added', descending: false }

export function filterOf(query: LibraryQuery): ImageFilter {
  const filter: ImageFilter = {}
  if (query.label !== undefined) filter.label = query.label
  if (query.status !== undefined) filter.status = query.status
  return filter
}

/** Equal for queries that list the same images in the same order; used to know when the cache must start over. */
// "Any" is encoded as 0 so it can never collide with a label name (a string) or "no label" (null).
export const queryKey = (query: LibraryQuery): string =>
  JSON.stringify([query.label === undefined ? 0 : query.label, query.status ?? 0, query.sort, query.descending])

export const isFiltered = (query: LibraryQuery): boolean => query.label !== undefined || query.status !== undefined

export function describeFilter(query: LibraryQuery): string {
  const parts: string[] = []
  if (query.label === null) parts.push('No label')
  else if (query.label !== undefined) parts.push(query.label)
  if (query.status) parts.push(STATUS_NAMES[query.status])
  return parts.length ? parts.join(' · ') : 'All images'
}
