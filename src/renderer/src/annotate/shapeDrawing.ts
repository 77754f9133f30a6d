import type Konva from 'konva'
import type { Shape } from '../../../shared/api/schemas'
import { rleBounds, type Rle } from '../../../shared/shapes/rle'
import type { Rect } from './geometry'
import type { View } from './view'

export type MaskShape = Extract<Shape, { kind: 'mask' }>

/** How opaque a mask's tint is: a mask has no outline, so its pixels are all that show it. */
const MASK_ALPHA = 0.4
/** Above this zoom a mask is drawn with hard pixel edges, as the image is, so its pixels line up with the image's. */
const PIXELATED_FROM_SCALE = 2

/**
 * A polygon ring (x1, y1, x2, y2, … in image pixels) in screen pixels, leaving out every point within a screen pixel
 * of the last one kept: zoomed out, a 50-point outline a few pixels across takes a handful of segments, which look
 * the same and cost far less to stroke.
 */
export function screenRing(ring: readonly number[], view: View): number[] {
  const points: number[] = []
  let lastX = Number.NaN
  let lastY = Number.NaN
  for (let i = 0; i + 1 < ring.length; i += 2) {
    const x = (ring[i] as number) * view.scale + view.x
    const y = (ring[i + 1] as number) * view.scale + view.y
    if (Math.abs(x - lastX) < 1 && Math.abs(y - lastY) < 1) continue
    points.push(x, y)
    lastX = x
    lastY = y
  }
  return points
}

/** Adds closed rings (screen pixels, see screenRing) to the current path; one that thinned to a point adds nothing. */
export function traceRings(context: Konva.Context, rings: readonly (readonly number[])[]): void {
  for (const ring of rings) {
    if (ring.length < 4) continue
    context.moveTo(ring[0] as number, ring[1] as number)
    for (let i = 2; i + 1 < ring.length; i += 2) context.lineTo(ring[i] as number, ring[i + 1] as number)
    context.closePath()
  }
}

/**
 * The RGBA pixels of a mask over `bounds` (its pixel bounds, or any rectangle holding them), `rgba` inside and
 * transparent outside. Decoding only the bounds keeps a small region of a 4000×3000 image small.
 */
export function maskPixels(rle: Rle, bounds: Rect, rgba: readonly [number, number, number, number]): Uint8ClampedArray<ArrayBuffer> {
  const height = rle.size[0]
  const pixels = new Uint8ClampedArray(bounds.width * bounds.height * 4)
  let position = 0
  rle.counts.forEach((count, run) => {
    if (run % 2 === 1) {
      let column = Math.floor(position / height)
      let row = position % height
      for (let k = 0; k < count; k++) {
        const x = column - bounds.x
        const y = row - bounds.y
        if (x >= 0 && y >= 0 && x < bounds.width && y < bounds.height) pixels.set(rgba, (y * bounds.width + x) * 4)
        if (++row === height) {
          row = 0
          column++
        }
      }
    }
    position += count
  })
  return pixels
}

/**
 * Something drawn once per mask and kept as long as the mask object lives, so a pan or a zoom only draws images. The
 * key is the shape object itself: an edit gives the object a new shape object, which is drawn afresh, and a mask
 * nobody holds any more is forgotten with it.
 */
export class MaskImageCache<Image> {
  private readonly images = new WeakMap<MaskShape, { color: string; image: Image }>()

  constructor(private readonly render: (shape: MaskShape, color: string) => Image) {}

  get(shape: MaskShape, color: string): Image {
    const kept = this.images.get(shape)
    if (kept?.color === color) return kept.image
    const image = this.render(shape, color)
    this.images.set(shape, { color, image })
    return image
  }
}

export interface MaskImage {
  /** A page canvas rather than an OffscreenCanvas: Chromium's software canvas scales it down a few times faster. */
  canvas: HTMLCanvasElement
  /** Where the canvas goes on the image, in image pixels. */
  bounds: Rect
}

/** `#rrggbb` as the mask's tint. */
export function maskTint(color: string): [number, number, number, number] {
  const value = Number.parseInt(color.slice(1, 7), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, Math.round(MASK_ALPHA * 255)]
}

function renderMask(shape: MaskShape, color: string): MaskImage | null {
  const bounds = rleBounds(shape.rle)
  if (!bounds) return null
  const canvas = document.createElement('canvas')
  canvas.width = bounds.width
  canvas.height = bounds.height
  const context = canvas.getContext('2d')
  if (!context) return null
  context.putImageData(new ImageData(maskPixels(shape.rle, bounds, maskTint(color)), bounds.width, bounds.height), 0, 0)
  return { canvas, bounds }
}

export const maskImages = new MaskImageCache(renderMask)

/** A mask's tinted pixels at their place on screen. */
export function drawMask(context: Konva.Context, image: MaskImage, view: View): void {
  const { bounds } = image
  context.setAttr('imageSmoothingEnabled', view.scale < PIXELATED_FROM_SCALE)
  context.drawImage(image.canvas, bounds.x * view.scale + view.x, bounds.y * view.scale + view.y, bounds.width * view.scale, bounds.height * view.scale)
}
