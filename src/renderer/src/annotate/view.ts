import { clamp, type Point, type Rect } from './geometry'

/** Where the image sits on the canvas: screen = image × scale + offset, in CSS pixels of the canvas element. */
export interface View {
  scale: number
  x: number
  y: number
}

const FIT_PADDING = 16
export const MAX_SCALE = 32
/** How much of the image stays on screen however far it is panned, so it can always be grabbed again. */
const KEEP_VISIBLE_PX = 48

export function toImage(view: View, screen: Point): Point {
  return { x: (screen.x - view.x) / view.scale, y: (screen.y - view.y) / view.scale }
}

export function toScreen(view: View, image: Point): Point {
  return { x: image.x * view.scale + view.x, y: image.y * view.scale + view.y }
}

/** The whole image, centred, as large as fits: small images (a 128² CT slice, a 32² CIFAR image) are enlarged so boxes
 * can be drawn on them. */
export function fitView(imageWidth: number, imageHeight: number, stageWidth: number, stageHeight: number): View {
  const scale = fitScale(imageWidth, imageHeight, stageWidth, stageHeight)
  return centred(scale, imageWidth, imageHeight, stageWidth, stageHeight)
}

/** 1:1, centred on what was in the middle of the screen. */
export function actualPixelsView(view: View, stageWidth: number, stageHeight: number): View {
  return zoomAt(view, 1 / view.scale, { x: stageWidth / 2, y: stageHeight / 2 }, { min: 0, max: MAX_SCALE })
}

export function fitScale(imageWidth: number, imageHeight: number, stageWidth: number, stageHeight: number): number {
  const available = { width: Math.max(1, stageWidth - 2 * FIT_PADDING), height: Math.max(1, stageHeight - 2 * FIT_PADDING) }
  return Math.min(MAX_SCALE, available.width / Math.max(1, imageWidth), available.height / Math.max(1, imageHeight))
}

/** Scales by `factor` keeping the image point under `anchor` (screen) where it is. */
export function zoomAt(view: View, factor: number, anchor: Point, limits: { min: number; max: number }): View {
  const scale = clamp(view.scale * factor, limits.min, limits.max)
  const applied = scale / view.scale
  return { scale, x: anchor.x - (anchor.x - view.x) * applied, y: anchor.y - (anchor.y - view.y) * applied }
}

/** Keeps at least a strip of the image on screen, so a wild pan cannot lose it. */
export function keepInReach(view: View, imageWidth: number, imageHeight: number, stageWidth: number, stageHeight: number): View {
  const width = imageWidth * view.scale
  const height = imageHeight * view.scale
  const keepX = Math.min(KEEP_VISIBLE_PX, width)
  const keepY = Math.min(KEEP_VISIBLE_PX, height)
  return {
    scale: view.scale,
    x: clamp(view.x, keepX - width, stageWidth - keepX),
    y: clamp(view.y, keepY - height, stageHeight - keepY),
  }
}

/** Pans so that `rect` is in the middle of the screen, zooming out first if it would not fit. */
export function revealView(view: View, rect: Rect, stageWidth: number, stageHeight: number): View {
  const fits = rect.width * view.scale <= stageWidth - 2 * FIT_PADDING && rect.height * view.scale <= stageHeight - 2 * FIT_PADDING
  const scale = fits ? view.scale : fitScale(rect.width, rect.height, stageWidth, stageHeight)
  return {
    scale,
    x: stageWidth / 2 - (rect.x + rect.width / 2) * scale,
    y: stageHeight / 2 - (rect.y + rect.height / 2) * scale,
  }
}

/** True when some of `rect` is on screen. */
export function isOnScreen(view: View, rect: Rect, stageWidth: number, stageHeight: number): boolean {
  const topLeft = toScreen(view, rect)
  const right = topLeft.x + rect.width * view.scale
  const bottom = topLeft.y + rect.height * view.scale
  return right > 0 && bottom > 0 && topLeft.x < stageWidth && topLeft.y < stageHeight
}

function centred(scale: number, imageWidth: number, imageHeight: number, stageWidth: number, stageHeight: number): View {
  return { scale, x: (stageWidth - imageWidth * scale) / 2, y: (stageHeight - imageHeight * scale) / 2 }
}
