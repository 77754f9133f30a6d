import type { MeasuredImage } from '../../../shared/measure/measurement-values'

/** How the viewport draws image pixels: screen = image × scale + offset (CSS pixels, from the stage's top-left). */
export interface ViewTransform {
  scale: number
  offsetX: number
  offsetY: number
}

/** What a reader viewport gives the layers drawn over its slice (the measurements): the slice and where it is drawn. */
export interface ViewportSurface {
  imageId: number
  image: MeasuredImage
  transform: ViewTransform
}

/** The measurement tools; while one is chosen, a left drag on the slice draws with it instead of windowing. */
export type MeasureTool = 'length' | 'rectangle' | 'ellipse' | 'angle'
