import { useEffect, useEffectEvent, useRef } from 'react'
import type { ImagePageCache } from '../catalog/ImagePageCache'
import { useToasts } from '../feedback/ToastContext'
import type { AnnotationStore } from './AnnotationStore'
import type { ImagePreloader } from './ImagePreloader'

/** Images prefetched ahead of the current one (and one behind), decoded and with their annotations. */
const PREFETCH_AHEAD = 3

interface Options {
  cache: ImagePageCache
  index: number
  nextIndex: number
  imageId: number | null
  revision: number
  store: AnnotationStore
  preloader: ImagePreloader
}

/**
 * The image and its annotations, then the neighbours': the next few in order and the previous one, so that stepping
 * shows them at once. After changes made elsewhere (a new catalogue revision) the current image's annotations are
 * fetched again now, the others' when next needed.
 */
export function useImagePrefetch({ cache, index, nextIndex, imageId, revision, store, preloader }: Options): void {
  const { reportError } = useToasts()

  useEffect(() => {
    if (imageId === null) return
    preloader.prefer(imageId)
    store.load(imageId).catch(reportError)
  }, [imageId, preloader, store, reportError])

  useEffect(() => {
    if (imageId === null || cache.total === null) return
    let cancelled = false
    const last = Math.min(cache.total - 1, nextIndex + PREFETCH_AHEAD - 1)
    const first = Math.max(0, index - 1)
    if (last < first) return
    cache.range(first, last).then(
      (items) => {
        if (cancelled) return
        const ahead = items.filter((item) => item.id !== imageId)
        // Nearest first: the very next image matters most. The one behind goes last.
        const ordered = [...ahead.filter((_, i) => first + i >= nextIndex), ...ahead.filter((_, i) => first + i < nextIndex)]
        preloader.want([imageId, ...ordered.map((item) => item.id)])
        for (const item of ordered) store.load(item.id).catch(() => {})
      },
      () => {},
    )
    return () => {
      cancelled = true
    }
  }, [cache, cache.total, index, nextIndex, imageId, preloader, store])

  // What is cached may be out of date; meanwhile it is shown as it is, so stepping stays instant.
  const refreshAll = useEffectEvent(() => {
    store.markAllStale()
    if (imageId !== null) store.load(imageId, true).catch(() => {})
  })
  const firstRevision = useRef(revision)
  useEffect(() => {
    if (revision !== firstRevision.current) refreshAll()
  }, [revision])
}
