import type { ViewTransform } from './viewportSurface'

export interface Size {
  width: number
  height: number
}

/** Zoom limits, in screen pixels per image pixel: 5% to 1600%. */
export const MIN_SCALE = 0.05
export const MAX_SCALE = 16
/** The most one wheel event or key press zooms by, either way. */
const MAX_STEP_FACTOR = 2

export const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale))

/** The whole image, as large as the stage holds it, centred (never past the zoom limits). */
export function fitTransform(stage: Size, image: Size): ViewTransform {
  if (stage.width <= 0 || stage.height <= 0 || image.width <= 0 || image.height <= 0) return { scale: 1, offsetX: 0, offsetY: 0 }
  const scale = clampScale(Math.min(stage.width / image.width, stage.height / image.height))
  return { scale, offsetX: (stage.width - image.width * scale) / 2, offsetY: (stage.height - image.height * scale) / 2 }
}

/** Zooms by `factor` (at most ×2 or ÷2 at once, within the limits) keeping the image point under `at` where it is. */
export function zoomAbout(view: ViewTransform, at: { x: number; y: number }, factor: number): ViewTransform {
  const step = Math.min(MAX_STEP_FACTOR, Math.max(1 / MAX_STEP_FACTOR, factor))
  const scale = clampScale(view.scale * step)
  const ratio = scale / view.scale
  return { scale, offsetX: at.x - (at.x - view.offsetX) * ratio, offsetY: at.y - (at.y - view.offsetY) * ratio }
}

/** A wheel delta (CSS pixels) as a zoom factor: a mouse notch of 100 px is about ×1.2. */
export const wheelZoomFactor = (pixels: number): number => Math.exp(-pixels * 0.0018)

export function panBy(view: ViewTransform, dx: number, dy: number): ViewTransform {
  return { ...view, offsetX: view.offsetX + dx, offsetY: view.offsetY + dy }
}

/** The image pixel (fractional) under a stage point. */
export function toImagePoint(view: ViewTransform, point: { x: number; y: number }): { x: number; y: number } {
  return { x: (point.x - view.offsetX) / view.scale, y: (point.y - view.offsetY) / view.scale }
}
