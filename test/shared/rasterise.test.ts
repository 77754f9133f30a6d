import { describe, expect, it } from 'vitest'
import { rasterisePolygons } from '../../src/shared/shapes/rasterise'
import { shapeArea } from '../../src/shared/shapes/shape'
import { mulberry32 } from '../../src/shared/random/mulberry32'

const count = (bitmap: Uint8Array) => bitmap.reduce((sum, value) => sum + value, 0)
const perimeter = (polygon: number[]) => {
  let length = 0
  for (let i = 0; i < polygon.length; i += 2) {
    const j = (i + 2) % polygon.length
    length += Math.hypot(polygon[j]! - polygon[i]!, polygon[j + 1]! - polygon[i + 1]!)
  }
  return length
}

describe('polygons as pixels', () => {
  it('fills exactly the pixels of a whole-pixel rectangle, in either winding', () => {
    for (const rectangle of [
      [2, 1, 7, 1, 7, 4, 2, 4],
      [2, 4, 7, 4, 7, 1, 2, 1],
    ]) {
      const bitmap = rasterisePolygons([rectangle], 10, 6)
      expect(count(bitmap)).toBe(15)
      expect(bitmap[1 * 10 + 2]).toBe(1)
      expect(bitmap[3 * 10 + 6]).toBe(1)
      expect(bitmap[4 * 10 + 6]).toBe(0)
      expect(bitmap[1 * 10 + 7]).toBe(0)
    }
  })

  it('takes pixels by their centres: a triangle’s count is its shoelace area within a perimeter’s worth', () => {
    const triangle = [10.3, 5.2, 90.7, 20.1, 35.5, 70.9]
    const bitmap = rasterisePolygons([triangle], 100, 80)
    const area = shapeArea({ kind: 'polygons', polygons: [triangle] })
    expect(Math.abs(count(bitmap) - area)).toBeLessThan(perimeter(triangle))
    expect(bitmap[30 * 100 + 40]).toBe(1)
    expect(bitmap[60 * 100 + 80]).toBe(0)
  })

  it('agrees with the shoelace area for random star polygons, and clips at the image’s edges', () => {
    const random = mulberry32(7)
    for (let trial = 0; trial < 30; trial++) {
      const points: number[] = []
      const n = 3 + Math.floor(random() * 30)
      for (let i = 0; i < n; i++) {
        const angle = (2 * Math.PI * i) / n
        const radius = 10 + random() * 40
        points.push(60 + radius * Math.cos(angle), 60 + radius * Math.sin(angle))
      }
      const bitmap = rasterisePolygons([points], 120, 120)
      expect(Math.abs(count(bitmap) - shapeArea({ kind: 'polygons', polygons: [points] }))).toBeLessThan(perimeter(points))
    }
    // Half of this square is off the image.
    expect(count(rasterisePolygons([[-10, -10, 10, -10, 10, 10, -10, 10]], 20, 20))).toBe(100)
  })

  it('leaves a hole where one part lies inside another (even-odd), and fills separate parts', () => {
    const outer = [0, 0, 10, 0, 10, 10, 0, 10]
    const inner = [3, 3, 7, 3, 7, 7, 3, 7]
    expect(count(rasterisePolygons([outer, inner], 10, 10))).toBe(100 - 16)
    expect(count(rasterisePolygons([[0, 0, 2, 0, 2, 2, 0, 2], [5, 5, 8, 5, 8, 8, 5, 8]], 10, 10))).toBe(4 + 9)
  })
})
