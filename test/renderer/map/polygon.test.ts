import { describe, expect, it } from 'vitest'
import { pointInPolygon, pointsInBox, pointsInPolygon, type Polygon } from '../../../src/renderer/src/map/polygon'

/** A "C" shape: its mouth (x between 0.4 and 1, y between 0.3 and 0.7) is outside although inside its bounds. */
const C_SHAPE: Polygon = [
  [0, 0],
  [1, 0],
  [1, 0.3],
  [0.4, 0.3],
  [0.4, 0.7],
  [1, 0.7],
  [1, 1],
  [0, 1],
]

describe('point in polygon', () => {
  it('tells inside from outside, also in a concave polygon\'s mouth', () => {
    expect(pointInPolygon(0.2, 0.5, C_SHAPE)).toBe(true)
    expect(pointInPolygon(0.8, 0.1, C_SHAPE)).toBe(true)
    expect(pointInPolygon(0.8, 0.5, C_SHAPE)).toBe(false)
    expect(pointInPolygon(1.5, 0.5, C_SHAPE)).toBe(false)
    expect(pointInPolygon(-0.1, 0.5, C_SHAPE)).toBe(false)
  })

  it('goes by the even-odd rule where a lasso crosses itself', () => {
    // A bow tie: two triangles meeting at (0.5, 0.5).
    const bowTie: Polygon = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
    ]
    expect(pointInPolygon(0.1, 0.5, bowTie)).toBe(true)
    expect(pointInPolygon(0.9, 0.5, bowTie)).toBe(true)
    expect(pointInPolygon(0.5, 0.1, bowTie)).toBe(false)
  })

  it('selects the indices of the points inside, and nothing for a lasso of fewer than three corners', () => {
    const xs = Float32Array.from([0.2, 0.8, 0.8, 0.5, 2])
    const ys = Float32Array.from([0.5, 0.1, 0.5, 0.9, 2])
    expect(pointsInPolygon(xs, ys, C_SHAPE)).toEqual([0, 1, 3])
    expect(
      pointsInPolygon(xs, ys, [
        [0, 0],
        [1, 1],
      ]),
    ).toEqual([])
  })

  it('selects the points in a box dragged either way, edges included', () => {
    const xs = [0, 0.5, 1, 0.5]
    const ys = [0, 0.5, 1, 2]
    expect(pointsInBox(xs, ys, [1, 1], [0.5, 0.5])).toEqual([1, 2])
    expect(pointsInBox(xs, ys, [0, 1], [1, 0])).toEqual([0, 1, 2])
  })
})
