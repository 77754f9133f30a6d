import type { Point } from './geometry'

/** Whole pixels of a mask, `x`..`x + width` by `y`..`y + height`, inside the image. */
export interface PixelRect {
  x: number
  y: number
  width: number
  height: number
}

/**
 * Paints (value 1) or erases (value 0) the brush's swept path from `from` to `to` into a row-major bitmap: every pixel
 * whose centre lies within `radius` of the segment, which is every disc of that radius centred on the segment. A
 * stroke is one such segment per pointer move, so a fast move still leaves a continuous band, however far apart the
 * events came. Answers the pixels it looked at (a rectangle around the segment), or null when the path is off the image.
 */
export function stampSegment(
  bitmap: Uint8Array,
  width: number,
  height: number,
  from: Point,
  to: Point,
  radius: number,
  value: 0 | 1,
): PixelRect | null {
  const left = Math.max(0, Math.floor(Math.min(from.x, to.x) - radius))
  const top = Math.max(0, Math.floor(Math.min(from.y, to.y) - radius))
  const right = Math.min(width, Math.ceil(Math.max(from.x, to.x) + radius))
  const bottom = Math.min(height, Math.ceil(Math.max(from.y, to.y) + radius))
  if (left >= right || top >= bottom) return null
  const dx = to.x - from.x
  const dy = to.y - from.y
  const lengthSquared = dx * dx + dy * dy
  const reach = radius * radius
  for (let y = top; y < bottom; y++) {
    const cy = y + 0.5
    let at = y * width + left
    for (let x = left; x < right; x++, at++) {
      const cx = x + 0.5
      // The segment's point nearest the pixel centre, as a fraction of the way along it.
      const along = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((cx - from.x) * dx + (cy - from.y) * dy) / lengthSquared))
      const ox = cx - (from.x + along * dx)
      const oy = cy - (from.y + along * dy)
      if (ox * ox + oy * oy <= reach) bitmap[at] = value
    }
  }
  return { x: left, y: top, width: right - left, height: bottom - top }
}

/** The smallest rectangle holding both (either may be null: nothing yet). */
export function unionRect(a: PixelRect | null, b: PixelRect | null): PixelRect | null {
  if (!a) return b
  if (!b) return a
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y }
}

/** `rect` grown by `margin` pixels on every side, kept inside the image. */
export function grownRect(rect: PixelRect, margin: number, width: number, height: number): PixelRect {
  const x = Math.max(0, rect.x - margin)
  const y = Math.max(0, rect.y - margin)
  return { x, y, width: Math.min(width, rect.x + rect.width + margin) - x, height: Math.min(height, rect.y + rect.height + margin) - y }
}

export type Rgb = readonly [number, number, number]

/** How opaque a mask's inside and its edge pixels are drawn: the edge reads as an outline, the inside as a tint. */
export const INSIDE_ALPHA = 96
export const EDGE_ALPHA = 255

/**
 * The RGBA pixels (as an ImageData holds them) of `rect` of the mask: its pixels tinted, those on its edge (a 4-neighbour
 * outside the mask or the image) opaque, the rest clear. A stroke repaints only the rectangle it touched, grown by one
 * pixel since a painted pixel changes whether its neighbours are edges.
 */
export function tintPixels(bitmap: Uint8Array, width: number, height: number, rect: PixelRect, color: Rgb, into: Uint8ClampedArray): void {
  const [r, g, b] = color
  let out = 0
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    const row = y * width
    for (let x = rect.x; x < rect.x + rect.width; x++, out += 4) {
      const at = row + x
      if (bitmap[at] === 0) {
        into[out + 3] = 0
        continue
      }
      const edge = x === 0 || y === 0 || x === width - 1 || y === height - 1 || bitmap[at - 1] === 0 || bitmap[at + 1] === 0 || bitmap[at - width] === 0 || bitmap[at + width] === 0
      into[out] = r
      into[out + 1] = g
      into[out + 2] = b
      into[out + 3] = edge ? EDGE_ALPHA : INSIDE_ALPHA
    }
  }
}

/** A CSS colour of the form #rrggbb (labels' colours) as numbers; anything else reads as the no-label grey. */
export function rgbOf(color: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(color)
  if (!match) return [154, 160, 166]
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)]
}
