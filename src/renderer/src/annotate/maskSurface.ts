import type Konva from 'konva'
import { rleBounds, type Rle } from '../../../shared/shapes/rle'
import { bitmapFromRle } from '../../../shared/shapes/bitmap'
import type { Point } from './geometry'
import { grownRect, rgbOf, stampSegment, tintPixels, unionRect, type PixelRect } from './maskPainting'
import type { View } from './view'

/**
 * One mask as pixels (a row-major bitmap of the image's size) and as a tinted picture of them on an offscreen canvas
 * of the same size, which the overlay scales onto the screen. A brush stroke changes the bitmap and repaints only the
 * rectangle it touched, so painting on a 4000 × 3000 image costs what the brush covers, not what the image does.
 */
export class MaskSurface {
  readonly bitmap: Uint8Array
  private canvas: HTMLCanvasElement | null = null
  private dirty: PixelRect | null
  private color = ''

  /** An empty mask, or `bitmap` with `painted` the part of it that has pixels (the offscreen canvas starts clear). */
  constructor(
    readonly width: number,
    readonly height: number,
    bitmap?: { pixels: Uint8Array; painted: PixelRect | null },
  ) {
    this.bitmap = bitmap?.pixels ?? new Uint8Array(width * height)
    this.dirty = bitmap?.painted ?? null
  }

  static fromRle(rle: Rle): MaskSurface {
    return new MaskSurface(rle.size[1], rle.size[0], { pixels: bitmapFromRle(rle), painted: rleBounds(rle) ?? null })
  }

  /** Paints (or erases) the brush's path from `from` to `to`; answers the pixels it looked at, null when off the image. */
  stroke(from: Point, to: Point, radius: number, value: 0 | 1): PixelRect | null {
    const touched = stampSegment(this.bitmap, this.width, this.height, from, to, radius, value)
    if (touched) this.dirty = unionRect(this.dirty, grownRect(touched, 1, this.width, this.height))
    return touched
  }

  /** Puts back pixels kept before a stroke (a cancelled one). */
  restore(pixels: Uint8Array): void {
    this.bitmap.set(pixels)
    this.dirty = this.whole()
  }

  /**
   * What has to be repainted to show the mask in `color` (#rrggbb): the mask's pixels the first time, then what strokes
   * touched since the last time, or all of it in a new colour; null when the offscreen picture is up to date. It is then
   * taken as done.
   */
  takeDirty(color: string): PixelRect | null {
    if (this.color !== '' && color !== this.color) this.dirty = this.whole()
    this.color = color
    const rect = this.dirty
    this.dirty = null
    return rect
  }

  /** Draws the mask in `color` (#rrggbb) over the part of the image that is on screen (the context in screen pixels). */
  draw(context: Konva.Context, view: View, screen: { width: number; height: number }, color: string): void {
    const canvas = this.paint(color)
    if (!canvas) return
    const left = Math.max(0, Math.floor(-view.x / view.scale))
    const top = Math.max(0, Math.floor(-view.y / view.scale))
    const right = Math.min(this.width, Math.ceil((screen.width - view.x) / view.scale))
    const bottom = Math.min(this.height, Math.ceil((screen.height - view.y) / view.scale))
    if (left >= right || top >= bottom) return
    const ratio = context.getCanvas().getPixelRatio()
    context.save()
    // Pixels stay square when zoomed in, as the image's own do.
    context.setAttr('imageSmoothingEnabled', view.scale * ratio < 1)
    context.drawImage(
      canvas,
      left,
      top,
      right - left,
      bottom - top,
      left * view.scale + view.x,
      top * view.scale + view.y,
      (right - left) * view.scale,
      (bottom - top) * view.scale,
    )
    context.restore()
  }

  /**
   * Makes the offscreen canvas and its pixels now: for a 4000 × 3000 image that takes a few hundred milliseconds,
   * which at a stroke's first move would be a visible stall.
   */
  prepare(): void {
    const context = this.context()
    // Writing a pixel is what makes the browser give the canvas its memory.
    context?.putImageData(context.createImageData(1, 1), 0, 0)
  }

  private context(): CanvasRenderingContext2D | null {
    if (!this.canvas) {
      this.canvas = document.createElement('canvas')
      this.canvas.width = this.width
      this.canvas.height = this.height
    }
    return this.canvas.getContext('2d')
  }

  /** Brings the offscreen picture up to date: the dirty rectangle, or all of it when the colour changed. */
  private paint(color: string): HTMLCanvasElement | null {
    const context = this.context()
    const rect = this.takeDirty(color)
    if (!context || !this.canvas) return null
    if (rect && rect.width > 0 && rect.height > 0) {
      const pixels = context.createImageData(rect.width, rect.height)
      tintPixels(this.bitmap, this.width, this.height, rect, rgbOf(color), pixels.data)
      context.putImageData(pixels, rect.x, rect.y)
    }
    return this.canvas
  }

  private whole(): PixelRect {
    return { x: 0, y: 0, width: this.width, height: this.height }
  }
}

/**
 * The surfaces of the masks lately shown or painted, found by their RLE's content: the mask a stroke just saved comes
 * back from the services as an equal RLE in a new object, and is drawn from the surface the stroke painted rather
 * than decoded and tinted again.
 */
export class MaskSurfaces {
  private entries: { rle: Rle; surface: MaskSurface }[] = []
  private spare: MaskSurface | null = null

  constructor(private readonly keep = 2) {}

  get(rle: Rle): MaskSurface {
    const found = this.entries.find((entry) => entry.rle === rle || sameRle(entry.rle, rle))
    if (found) return found.surface
    const surface = MaskSurface.fromRle(rle)
    this.remember(rle, surface)
    return surface
  }

  /** An empty surface for a new mask: the one made ahead (see `prepare`) when it is of this size. */
  fresh(width: number, height: number): MaskSurface {
    const ready = this.spare && this.spare.width === width && this.spare.height === height ? this.spare : null
    this.spare = null
    return ready ?? new MaskSurface(width, height)
  }

  /** Makes the next new mask's surface, canvas and all, while nothing is painted (see MaskSurface.prepare). */
  prepare(width: number, height: number): void {
    if (this.spare && this.spare.width === width && this.spare.height === height) return
    this.spare = new MaskSurface(width, height)
    this.spare.prepare()
  }

  /** Files `surface` under the mask it now holds (after a stroke), in place of what it held before. */
  remember(rle: Rle, surface: MaskSurface): void {
    this.entries = [{ rle, surface }, ...this.entries.filter((entry) => entry.surface !== surface)].slice(0, this.keep)
  }
}

/** Whether two masks hold the same pixels (RLE is canonical: one mask, one encoding). */
export function sameRle(a: Rle, b: Rle): boolean {
  if (a.size[0] !== b.size[0] || a.size[1] !== b.size[1] || a.counts.length !== b.counts.length) return false
  for (let i = 0; i < a.counts.length; i++) if (a.counts[i] !== b.counts[i]) return false
  return true
}
