import type { ImageSummary } from '../../../shared/api/schemas'
import { ImagePageCache } from '../catalog/ImagePageCache'
import { screens } from '../screens/screens'

/** The images the workspace steps through, in their order. */
export type AnnotatedImages =
  /** The library's, under the query it was opened with (its cache is renewed as the catalogue changes). */
  | { from: 'library'; queryKey: string }
  /**
   * A list of their own, opened from elsewhere (a confusion-matrix cell); `detections`: what the box detector found
   * (its worst validation images), so each image shows the active detector's boxes as suggestions when opened.
   */
  | { from: 'list'; cache: ImagePageCache; detections?: boolean }

export interface AnnotateParams {
  images: AnnotatedImages
  /** Where the image is in that order. */
  index: number
  /** The image shown, kept on screen even when an edit moves it in (or out of) that order. */
  imageId: number | null
}

declare module '../screens/screens' {
  interface ScreenParams {
    annotate: AnnotateParams
  }
}

/** Opens the workspace on a list of images (a cell's, a search's hits), at `index`; steps go through that list only. */
export async function annotateList(
  images: readonly ImageSummary[],
  index: number,
  onError: (error: unknown) => void,
  options: { detections?: boolean } = {},
): Promise<void> {
  const image = images[index]
  if (!image) return
  const cache = new ImagePageCache(async (offset, limit) => ({ total: images.length, offset, items: images.slice(offset, offset + limit) }), onError)
  // The workspace reads the count and the image's page straight away.
  await cache.range(0, index)
  screens.open('annotate', { images: { from: 'list', cache, ...(options.detections ? { detections: true } : {}) }, index, imageId: image.id })
}
