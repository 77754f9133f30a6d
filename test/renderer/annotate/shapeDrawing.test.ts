import type Konva from 'konva'
import { describe, expect, it } from 'vitest'
import type { Box } from '../../../src/shared/api/schemas'
import { bitmapFromRle, rleFromBitmap } from '../../../src/shared/shapes/bitmap'
import { rleBounds } from '../../../src/shared/shapes/rle'
import { mulberry32 as seededRandom } from '../../../src/shared/random/mulberry32'
import { drawBoxes, onScreen } from '../../../src/renderer/src/annotate/drawing'
import { MaskImageCache, maskPixels, maskTint, screenRing, type MaskShape } from '../../../src/renderer/src/annotate/shapeDrawing'

/** A star-shaped ring of `points` points around (cx, cy), radius between r/2 and r. */
function star(cx: number, cy: number, r: number, points: number, random: () => number): number[] {
  const ring: number[] = []
  for (let i = 0; i < points; i++) {
    const angle = (i / points) * 2 * Math.PI
    const radius = r * (0.5 + 0.5 * random())
    ring.push(cx + Math.cos(angle) * radius, cy + Math.sin(angle) * radius)
  }
  return ring
}

/** A Konva context stand-in that records the drawing calls made on it (the canvas itself is the browser's). */
function recordingContext(): { context: Konva.Context; calls: { name: string; args: unknown[] }[] } {
  const calls: { name: string; args: unknown[] }[] = []
  const context = new Proxy(
    {},
    {
      get: (_target, name) => (...args: unknown[]) => {
        calls.push({ name: String(name), args })
        return name === 'measureText' ? { width: 20 } : undefined
      },
    },
  )
  return { context: context as Konva.Context, calls }
}

const polygonBox = (id: number, ring: number[], crowd = false): Box => {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity]
  for (let i = 0; i < ring.length; i += 2) {
    left = Math.min(left, ring[i]!)
    right = Math.max(right, ring[i]!)
    top = Math.min(top, ring[i + 1]!)
    bottom = Math.max(bottom, ring[i + 1]!)
  }
  return { id, label: 'car', x: left, y: top, width: right - left, height: bottom - top, shape: { kind: 'polygons', polygons: [ring] }, crowd }
}

describe('screenRing', () => {
  it('puts each point on screen through the view when they are far apart', () => {
    expect(screenRing([10, 20, 30, 20, 30, 40], { scale: 2, x: 5, y: -5 })).toEqual([25, 35, 65, 35, 65, 75])
  })

  it('leaves out points within a screen pixel of the last one kept, so a small outline zoomed out takes a few', () => {
    const ring = star(2000, 1500, 60, 50, seededRandom(3))
    const zoomedOut = screenRing(ring, { scale: 0.02, x: 0, y: 0 })
    expect(zoomedOut.length / 2).toBeLessThan(10)
    expect(zoomedOut.slice(0, 2)).toEqual([ring[0]! * 0.02, ring[1]! * 0.02])
    for (let i = 2; i < zoomedOut.length; i += 2) {
      const far = Math.max(Math.abs(zoomedOut[i]! - zoomedOut[i - 2]!), Math.abs(zoomedOut[i + 1]! - zoomedOut[i - 1]!))
      expect(far).toBeGreaterThanOrEqual(1)
    }
    expect(screenRing(ring, { scale: 1, x: 0, y: 0 })).toHaveLength(ring.length)
  })
})

describe('culling', () => {
  const screen = { width: 800, height: 600 }

  it('keeps a rectangle with any part on screen and drops one wholly beside it', () => {
    expect(onScreen({ x: -50, y: 10, width: 60, height: 20 }, screen)).toBe(true)
    expect(onScreen({ x: 790, y: 590, width: 60, height: 20 }, screen)).toBe(true)
    expect(onScreen({ x: -61, y: 10, width: 60, height: 20 }, screen)).toBe(false)
    expect(onScreen({ x: 801, y: 10, width: 60, height: 20 }, screen)).toBe(false)
    expect(onScreen({ x: 10, y: -30, width: 60, height: 20 }, screen)).toBe(false)
    expect(onScreen({ x: 10, y: 601, width: 60, height: 20 }, screen)).toBe(false)
  })

  it('traces only the polygons whose box is on screen, each filled on its own and all of a colour stroked once', () => {
    const random = seededRandom(9)
    const boxes = [polygonBox(1, star(100, 100, 40, 50, random)), polygonBox(2, star(300, 200, 40, 50, random)), polygonBox(3, star(3000, 2000, 40, 50, random))]
    const { context, calls } = recordingContext()
    drawBoxes(context, boxes, () => '#4e79a7', { scale: 1, x: 0, y: 0 }, screen)
    const count = (name: string) => calls.filter((call) => call.name === name).length
    // Two on screen, traced once for their own fill and once more in the colour's one outline path.
    expect(count('moveTo')).toBe(4)
    expect(calls.filter((call) => call.name === 'fill').map((call) => call.args)).toEqual([['evenodd'], ['evenodd']])
    expect(count('stroke')).toBe(1)
  })

  it('strokes crowd regions apart from the rest of their colour, dashed, and says so on the name tab', () => {
    const random = seededRandom(4)
    const boxes = [polygonBox(1, star(100, 100, 40, 20, random)), polygonBox(2, star(300, 200, 40, 20, random), true)]
    const { context, calls } = recordingContext()
    drawBoxes(context, boxes, () => '#4e79a7', { scale: 1, x: 0, y: 0 }, screen)
    const dashes = calls.filter((call) => call.name === 'setLineDash').map((call) => (call.args[0] as number[]).length > 0)
    expect(dashes.slice(0, 2).sort()).toEqual([false, true])
    expect(calls.filter((call) => call.name === 'stroke')).toHaveLength(2)
    const names = calls.filter((call) => call.name === 'fillText').map((call) => call.args[0])
    expect(names).toEqual(['car', 'car · crowd'])
  })
})

describe('masks', () => {
  const random = seededRandom(12)
  const width = 37
  const height = 23
  const bitmap = new Uint8Array(width * height)
  for (let y = 5; y < 19; y++) for (let x = 8; x < 30; x++) if (random() < 0.6) bitmap[y * width + x] = 1
  const rle = rleFromBitmap(bitmap, width, height)

  it('decodes only the mask’s bounds, tinted inside and clear outside', () => {
    const bounds = rleBounds(rle)!
    const tint = maskTint('#ff8000')
    expect(tint).toEqual([255, 128, 0, 102])
    const pixels = maskPixels(rle, bounds, tint)
    expect(pixels).toHaveLength(bounds.width * bounds.height * 4)
    const whole = bitmapFromRle(rle)
    for (let y = 0; y < bounds.height; y++) {
      for (let x = 0; x < bounds.width; x++) {
        const inside = whole[(y + bounds.y) * width + x + bounds.x] === 1
        expect(Array.from(pixels.subarray((y * bounds.width + x) * 4, (y * bounds.width + x) * 4 + 4))).toEqual(inside ? tint : [0, 0, 0, 0])
      }
    }
  })

  it('draws a mask once per shape object and colour, however often it is asked for', () => {
    const rendered: string[] = []
    const cache = new MaskImageCache((shape: MaskShape, color: string) => {
      rendered.push(color)
      return { shape, color }
    })
    const shape: MaskShape = { kind: 'mask', rle }
    const first = cache.get(shape, '#ff0000')
    expect(cache.get(shape, '#ff0000')).toBe(first)
    expect(rendered).toEqual(['#ff0000'])
    // An equal copy is another object (an edit's reply): it is drawn again.
    cache.get({ kind: 'mask', rle: { size: [...rle.size], counts: [...rle.counts] } }, '#ff0000')
    expect(rendered).toHaveLength(2)
    // The label's colour changed.
    expect(cache.get(shape, '#00ff00')).not.toBe(first)
    expect(rendered).toEqual(['#ff0000', '#ff0000', '#00ff00'])
  })
})
