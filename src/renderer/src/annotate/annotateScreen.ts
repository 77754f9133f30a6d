import type { ImagePageCache } from '../catalog/ImagePageCache'

/** The images the workspace steps through, in their order. */
export type AnnotatedImages =
  /** The library's, under the query it was opened with (its cache is renewed as the catalogue changes). */
  | { from: 'library'; queryKey: string }
  /** A list of their own, opened from elsewhere (a confusion-matrix cell). */
  | { from: 'list'; cache: ImagePageCache }

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
