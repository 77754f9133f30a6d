import type { ImageFilter, ListSort, PredictionQueue, ReviewStatus } from '../../../shared/api/schemas'
import { STATUS_NAMES } from '../format/reviewStatus'
import type { MessageKey } from '../i18n/catalog-types'
import { t } from '../i18n/t'

/** What the grid shows: label and status are independent facets, so "cat" and "Needs fix" can combine. */
export interface LibraryQuery {
  /** undefined: any label; null: images without a label; a name: images carrying it. */
  label: string | null | undefined
  status: ReviewStatus | undefined
  /** The active classifier's facets: the class it predicts, and one of its work queues (which sets its own order). */
  predictedLabel: string | undefined
  queue: PredictionQueue | undefined
  /** One DICOM series (shown in its own order), and the name the sidebar gives it. */
  dicomSeries: { uid: string; name: string } | undefined
  /** Only these images: the hits a search showed in the library ("Show in library"), or an evaluation's mistakes. */
  imageIds?: readonly number[]
  /** Where those images were sent from, as the grid's title and banner name it ("search"). */
  shownFrom?: string
  /** Part of the file name, as typed in the search box. */
  fileName: string | undefined
  /** Only the images the anomaly model in use finds anomalous. */
  anomalous?: true
  /** Only the images where the active box detector found boxes: of one class, or of any (no label). */
  detected?: { label?: string }
  sort: ListSort
  descending: boolean
}

export const DEFAULT_QUERY: LibraryQuery = {
  label: undefined,
  status: undefined,
  predictedLabel: undefined,
  queue: undefined,
  dicomSeries: undefined,
  fileName: undefined,
  sort: 'added',
  descending: false,
}

/** The same query with every facet off: what "All images" and "Clear filter" show. */
export const unfiltered = (query: LibraryQuery): LibraryQuery => ({
  ...query,
  label: undefined,
  status: undefined,
  predictedLabel: undefined,
  queue: undefined,
  dicomSeries: undefined,
  imageIds: undefined,
  shownFrom: undefined,
  fileName: undefined,
  anomalous: undefined,
  detected: undefined,
})

export const QUEUE_NAMES: Record<PredictionQueue, MessageKey> = { labelNext: 'library.queue.labelNext', labelErrors: 'library.queue.labelErrors' }

export function filterOf(query: LibraryQuery): ImageFilter {
  const filter: ImageFilter = {}
  if (query.label !== undefined) filter.label = query.label
  if (query.status !== undefined) filter.status = query.status
  if (query.predictedLabel !== undefined) filter.predictedLabel = query.predictedLabel
  if (query.queue !== undefined) filter.queue = query.queue
  if (query.dicomSeries !== undefined) filter.dicomSeries = query.dicomSeries.uid
  if (query.imageIds !== undefined) filter.imageIds = [...query.imageIds]
  if (query.fileName !== undefined) filter.fileName = query.fileName
  if (query.anomalous) filter.anomalous = true
  if (query.detected) filter.detected = { ...query.detected }
  return filter
}

/** Equal for queries that list the same images in the same order; used to know when the cache must start over. */
// "Any" is encoded as 0 so it can never collide with a label name (a string) or "no label" (null).
export const queryKey = (query: LibraryQuery): string => JSON.stringify([...filterParts(query), query.sort, query.descending])

/** Equal for queries that list the same images, in whatever order: a selection outlives a change of order. */
export const filterKey = (query: LibraryQuery): string => JSON.stringify(filterParts(query))

const filterParts = (query: LibraryQuery) => [
  query.label === undefined ? 0 : query.label,
  query.status ?? 0,
  query.predictedLabel ?? 0,
  query.queue ?? 0,
  query.dicomSeries?.uid ?? 0,
  query.fileName ?? 0,
  query.imageIds ?? 0,
  query.anomalous ?? 0,
  query.detected ? (query.detected.label ?? 1) : 0,
]

export const isFiltered = (query: LibraryQuery): boolean =>
  query.label !== undefined ||
  query.status !== undefined ||
  query.predictedLabel !== undefined ||
  query.queue !== undefined ||
  query.dicomSeries !== undefined ||
  query.imageIds !== undefined ||
  query.fileName !== undefined ||
  query.anomalous !== undefined ||
  query.detected !== undefined

/** "3 images from search": a list of images sent to the library, and where from when that is known. */
export const shownImages = (imageIds: readonly number[], from: string | undefined): string =>
  from === undefined ? t('library.shown.images', { count: imageIds.length }) : t('library.shown.imagesFrom', { count: imageIds.length, from })

export function describeFilter(query: LibraryQuery): string {
  const parts: string[] = []
  if (query.imageIds) parts.push(shownImages(query.imageIds, query.shownFrom))
  if (query.dicomSeries) parts.push(query.dicomSeries.name)
  if (query.label === null) parts.push(t('library.noLabel'))
  else if (query.label !== undefined) parts.push(query.label)
  if (query.status) parts.push(STATUS_NAMES[query.status])
  if (query.queue) parts.push(t(QUEUE_NAMES[query.queue]))
  if (query.predictedLabel !== undefined) parts.push(t('library.model.predictedAs', { label: query.predictedLabel }))
  if (query.anomalous) parts.push(t('library.anomaly.anomalous'))
  if (query.detected) parts.push(query.detected.label === undefined ? t('library.filter.foundAny') : t('library.detector.found', { label: query.detected.label }))
  if (query.fileName !== undefined) parts.push(t('library.filter.nameContains', { text: query.fileName }))
  return parts.length ? parts.join(' · ') : t('library.allImages')
}
