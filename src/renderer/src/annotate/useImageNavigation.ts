import { useCallback, useEffect } from 'react'
import type { ImageSummary } from '../../../shared/api/schemas'
import type { ImagePageCache } from '../catalog/ImagePageCache'
import { useToasts } from '../feedback/ToastContext'
import { t } from '../i18n/t'

/** How far around its old place to look for the current image after the order changed. */
const RELOCATE_RADIUS = 5

export interface ImageNavigation {
  /** The image shown: the one pinned, else the one at the index. */
  imageId: number | null
  /** The summary of the image at the index, whichever it is. */
  listed: ImageSummary | undefined
  /** Whether the image shown is still at the index (an edit can take it out of the filter). */
  inPlace: boolean
  total: number
  /** Where the next image is: the index itself once the image shown has left it. */
  nextIndex: number
  /** To the next or previous image; at either end, says so instead. */
  step(delta: 1 | -1): Promise<void>
  previousImageId(): Promise<number | null>
}

/**
 * Stepping through the images in their order. The image shown stays put even when an edit moves it in that order or
 * takes it out (labelling an image shown under "Unlabelled", say): the next image is then the one that took its place.
 */
export function useImageNavigation(
  cache: ImagePageCache,
  index: number,
  pinnedId: number | null,
  onNavigate: (index: number, imageId: number) => void,
): ImageNavigation {
  const { notify } = useToasts()
  const listed = cache.item(index)
  const imageId = pinnedId ?? listed?.id ?? null
  const inPlace = listed?.id === imageId
  const total = cache.total ?? 0
  const nextIndex = inPlace ? index + 1 : index

  // When the order shifts under the image (its page reloaded after an edit), follow it to its new place.
  useEffect(() => {
    if (imageId === null || inPlace) return
    for (let distance = 1; distance <= RELOCATE_RADIUS; distance++) {
      for (const candidate of [index - distance, index + distance]) {
        if (candidate >= 0 && cache.item(candidate)?.id === imageId) return onNavigate(candidate, imageId)
      }
    }
  })

  const step = useCallback(
    async (delta: 1 | -1) => {
      const target = delta > 0 ? nextIndex : index - 1
      if (target < 0 || target >= total) {
        notify(delta > 0 ? t('annotate.notice.lastImage') : t('annotate.notice.firstImage'))
        return
      }
      let item = await itemAt(cache, target)
      // The order may have shifted under the image without it being found yet: never "step" onto itself.
      if (item?.id === imageId && target + delta >= 0 && target + delta < total) item = await itemAt(cache, target + delta)
      if (item && item.id !== imageId) onNavigate(cache.item(target)?.id === item.id ? target : target + delta, item.id)
    },
    [cache, index, nextIndex, total, notify, onNavigate, imageId],
  )

  const previousImageId = useCallback(async () => (index > 0 ? ((await itemAt(cache, index - 1))?.id ?? null) : null), [cache, index])

  return { imageId, listed, inPlace, total, nextIndex, step, previousImageId }
}

async function itemAt(cache: ImagePageCache, index: number): Promise<ImageSummary | undefined> {
  return cache.item(index) ?? (await cache.range(index, index))[0]
}
