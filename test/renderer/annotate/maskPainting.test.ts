import { describe, expect, it } from 'vitest'
import { EDGE_ALPHA, INSIDE_ALPHA, stampSegment, tintPixels, unionRect } from '../../../src/renderer/src/annotate/maskPainting'
import { MaskSurface, MaskSurfaces } from '../../../src/renderer/src/annotate/maskSurface'
import { rleFromBitmap } from '../../../src/shared/shapes/bitmap'

const count = (bitmap: Uint8Array) => bitmap.reduce((sum, value) => sum + value, 0)
const stamped = (width: number, height: number, at: { x: number; y: number }, radius: number) => {
  const bitmap = new Uint8Array(width * height)
  stampSegment(bitmap, width, height, at, at, radius, 1)
  return bitmap
}

describe('stamping the brush', () => {
  it('fills a disc of pixel centres within the radius', () => {
    const bitmap = new Uint8Array(40 * 40)
    const touched = stampSegment(bitmap, 40, 40, { x: 20, y: 20 }, { x: 20, y: 20 }, 8, 1)
    // π r² = 201; pixel centres on a grid give it within a perimeter's worth.
    expect(Math.abs(count(bitmap) - Math.PI * 64)).toBeLessThan(2 * Math.PI * 8)
    expect(touched).toEqual({ x: 12, y: 12, width: 16, height: 16 })
    expect(bitmap[20 * 40 + 20]).toBe(1)
    expect(bitmap[20 * 40 + 29]).toBe(0)
  })

  it('covers the whole path between two distant pointer events, as a band of the brush’s width', () => {
    const bitmap = new Uint8Array(200 * 50)
    stampSegment(bitmap, 200, 50, { x: 10, y: 25 }, { x: 190, y: 25 }, 5, 1)
    // Every column along the way is painted: no gaps where the events were far apart.
    for (let x = 10; x < 190; x++) expect(bitmap[25 * 200 + x]).toBe(1)
    // A capsule: 180 × 10 plus the two half-discs.
    const swept = 180 * 10 + Math.PI * 25
    expect(Math.abs(count(bitmap) - swept)).toBeLessThan(2 * (180 + Math.PI * 5))
    expect(bitmap[(25 - 6) * 200 + 100]).toBe(0)
  })

  it('follows a diagonal move with no holes', () => {
    const bitmap = new Uint8Array(100 * 100)
    stampSegment(bitmap, 100, 100, { x: 5, y: 5 }, { x: 95, y: 95 }, 1.5, 1)
    for (let i = 6; i < 95; i++) expect(bitmap[i * 100 + i]).toBe(1)
  })

  it('erases, clips at the image’s edges, and answers null for a path off the image', () => {
    const bitmap = new Uint8Array(10 * 10).fill(1)
    const touched = stampSegment(bitmap, 10, 10, { x: -3, y: 5 }, { x: 2, y: 5 }, 2, 0)
    expect(touched).toEqual({ x: 0, y: 3, width: 4, height: 4 })
    expect(bitmap[5 * 10 + 0]).toBe(0)
    expect(bitmap[5 * 10 + 5]).toBe(1)
    expect(stampSegment(bitmap, 10, 10, { x: -20, y: -20 }, { x: -15, y: -20 }, 2, 0)).toBeNull()
  })
})

describe('repainting only what a stroke touched', () => {
  it('grows the dirty rectangle by each stamp, one pixel wider for the edges it moved', () => {
    // A new mask starts with nothing to paint: its offscreen canvas is clear already.
    const surface = new MaskSurface(4000, 3000)
    expect(surface.takeDirty('#ff0000')).toBeNull()
    surface.stroke({ x: 100, y: 100 }, { x: 100, y: 100 }, 4, 1)
    surface.stroke({ x: 100, y: 100 }, { x: 130, y: 110 }, 4, 1)
    // Brush reach 96..134 × 96..114, grown by one pixel: a few hundred pixels to repaint, not twelve million.
    expect(surface.takeDirty('#ff0000')).toEqual({ x: 95, y: 95, width: 40, height: 20 })
    surface.stroke({ x: -50, y: -50 }, { x: -40, y: -50 }, 4, 1)
    expect(surface.takeDirty('#ff0000')).toBeNull()
    surface.stroke({ x: 3998, y: 2998 }, { x: 3998, y: 2998 }, 4, 0)
    expect(surface.takeDirty('#ff0000')).toEqual({ x: 3993, y: 2993, width: 7, height: 7 })
  })

  it('repaints everything in a new colour, and after a cancelled stroke is put back', () => {
    // A saved mask paints its own pixels first, not the whole image.
    const surface = MaskSurface.fromRle(rleFromBitmap(stamped(50, 40, { x: 20, y: 20 }, 4), 50, 40))
    expect(surface.takeDirty('#ff0000')).toEqual({ x: 16, y: 16, width: 8, height: 8 })
    expect(surface.takeDirty('#00ff00')).toEqual({ x: 0, y: 0, width: 50, height: 40 })
    const before = surface.bitmap.slice()
    surface.stroke({ x: 10, y: 10 }, { x: 30, y: 10 }, 3, 1)
    surface.restore(before)
    expect(count(surface.bitmap)).toBe(count(stamped(50, 40, { x: 20, y: 20 }, 4)))
    expect(surface.takeDirty('#00ff00')).toEqual({ x: 0, y: 0, width: 50, height: 40 })
  })

  it('unions rectangles', () => {
    const a = { x: 10, y: 10, width: 5, height: 5 }
    expect(unionRect(a, null)).toBe(a)
    expect(unionRect(a, { x: 0, y: 12, width: 3, height: 20 })).toEqual({ x: 0, y: 10, width: 15, height: 22 })
  })

  it('tints the mask’s pixels, its edge opaque and its inside translucent, and clears the rest', () => {
    const width = 6
    const height = 5
    const bitmap = new Uint8Array(width * height)
    for (let y = 1; y <= 3; y++) for (let x = 1; x <= 3; x++) bitmap[y * width + x] = 1
    const rect = { x: 0, y: 0, width, height }
    const pixels = new Uint8ClampedArray(width * height * 4).fill(7)
    tintPixels(bitmap, width, height, rect, [255, 0, 10], pixels)
    const alpha = (x: number, y: number) => pixels[(y * width + x) * 4 + 3]
    expect(alpha(0, 0)).toBe(0)
    expect(alpha(1, 1)).toBe(EDGE_ALPHA)
    expect(alpha(2, 2)).toBe(INSIDE_ALPHA)
    expect(alpha(4, 2)).toBe(0)
    expect([...pixels.subarray((2 * width + 2) * 4, (2 * width + 2) * 4 + 3)]).toEqual([255, 0, 10])
  })
})

describe('mask surfaces found by content', () => {
  it('gives back the surface a stroke painted for an equal mask that came back from the services', () => {
    const surfaces = new MaskSurfaces()
    const surface = new MaskSurface(30, 20)
    surface.stroke({ x: 10, y: 10 }, { x: 20, y: 10 }, 3, 1)
    const rle = rleFromBitmap(surface.bitmap, 30, 20)
    surfaces.remember(rle, surface)
    const echoed = { size: [...rle.size] as [number, number], counts: [...rle.counts] }
    expect(surfaces.get(echoed)).toBe(surface)
    const other = surfaces.get({ size: [20, 30], counts: [600] })
    expect(other).not.toBe(surface)
    expect(count(other.bitmap)).toBe(0)
  })
})
