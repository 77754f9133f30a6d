import { useSyncExternalStore } from 'react'
import { useClient } from '../client/ClientContext'
import type { ImagePreloader } from './ImagePreloader'
import { useThumbnail } from './useThumbnail'

export interface StageImage {
  /** What the canvas draws: the DICOM frame through its window, the decoded image, or its thumbnail meanwhile. */
  source: HTMLImageElement | ImageBitmap | HTMLCanvasElement | null
  /** The full image is here, not just its thumbnail. */
  complete: boolean
  /** The full-size image file, once loaded. */
  element: HTMLImageElement | null
  /** The full-size image could not be loaded. */
  failed: boolean
}

/** The best picture of the image there is yet; `dicomFrame` is the frame rendered through its window, once it is. */
export function useStageImage(preloader: ImagePreloader, imageId: number | null, dicomFrame: HTMLCanvasElement | null): StageImage {
  const client = useClient()
  // The image's load state, and whether its decoded bitmap is ready (either change re-renders).
  const loadState = useSyncExternalStore(preloader.subscribe, () => {
    const image = imageId === null ? undefined : preloader.peek(imageId)
    return image ? `${image.state}${image.bitmap ? '+bitmap' : ''}` : undefined
  })
  const thumbnail = useThumbnail(imageId === null ? null : client.mediaUrl('thumb', imageId))
  const full = imageId !== null && loadState?.startsWith('loaded') ? (preloader.peek(imageId) ?? null) : null
  const element = full?.element ?? null
  return {
    source: dicomFrame ?? full?.bitmap ?? element ?? thumbnail,
    complete: dicomFrame !== null || element !== null,
    element,
    failed: loadState === 'failed',
  }
}
