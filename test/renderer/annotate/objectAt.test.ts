import { describe, expect, it } from 'vitest'
import type { Box } from '../../../src/shared/api/schemas'
import { rleFromBitmap } from '../../../src/shared/shapes/bitmap'
import { objectAt } from '../../../src/renderer/src/annotate/objectAt'

const plain: Box = { id: 1, label: null, x: 0, y: 0, width: 200, height: 200 }
// A ring: an outer square with a square hole, as two parts.
const ring: Box = {
  id: 2,
  label: null,
  x: 20,
  y: 20,
  width: 100,
  height: 100,
  shape: { kind: 'polygons', polygons: [[20, 20, 120, 20, 120, 120, 20, 120], [50, 50, 90, 50, 90, 90, 50, 90]] },
}
// A thin diagonal: most of its box is outside it.
const diagonal: Box = { id: 3, label: null, x: 130, y: 130, width: 60, height: 60, shape: { kind: 'polygons', polygons: [[130, 130, 140, 130, 190, 190, 180, 190]] } }

function maskObject(id: number, pixels: [number, number][]): Box {
  const width = 200
  const height = 200
  const bitmap = new Uint8Array(width * height)
  for (const [x, y] of pixels) bitmap[y * width + x] = 1
  const xs = pixels.map(([x]) => x)
  const ys = pixels.map(([, y]) => y)
  const left = Math.min(...xs)
  const top = Math.min(...ys)
  return {
    id,
    label: null,
    x: left,
    y: top,
    width: Math.max(...xs) + 1 - left,
    height: Math.max(...ys) + 1 - top,
    shape: { kind: 'mask', rle: rleFromBitmap(bitmap, width, height) },
  }
}

describe('objectAt', () => {
  it('picks a polygon object inside its parts but not in its hole, where what lies under shows through', () => {
    expect(objectAt([plain, ring], { x: 30, y: 30 })?.id).toBe(2)
    expect(objectAt([plain, ring], { x: 70, y: 70 })?.id).toBe(1)
  })

  it('picks a polygon object near its outline, within the margin', () => {
    expect(objectAt([ring], { x: 70, y: 18 })).toBeUndefined()
    expect(objectAt([ring], { x: 70, y: 18 }, 3)?.id).toBe(2)
    expect(objectAt([ring], { x: 70, y: 52 }, 3)?.id).toBe(2)
  })

  it('does not pick a polygon object in the parts of its box it does not cover', () => {
    expect(objectAt([diagonal], { x: 185, y: 135 })).toBeUndefined()
    expect(objectAt([plain, diagonal], { x: 185, y: 135 })?.id).toBe(1)
    expect(objectAt([plain, diagonal], { x: 160, y: 160 })?.id).toBe(3)
  })

  it('picks a mask object only on its pixels', () => {
    const mask = maskObject(4, [
      [10, 10],
      [12, 12],
    ])
    expect(objectAt([mask], { x: 10.5, y: 10.5 })?.id).toBe(4)
    expect(objectAt([mask], { x: 11.5, y: 11.5 })).toBeUndefined()
    expect(objectAt([plain, mask], { x: 11.5, y: 11.5 })?.id).toBe(1)
  })

  it('prefers the smallest object by the area it covers, not by its box', () => {
    // The diagonal's box (3600 px²) is bigger than this box, but it covers only 600 px² of it.
    const box: Box = { id: 5, label: null, x: 140, y: 140, width: 40, height: 40 }
    expect(objectAt([box, diagonal], { x: 160, y: 160 })?.id).toBe(3)
    expect(objectAt([box, diagonal], { x: 145, y: 175 })?.id).toBe(5)
  })
})
