import { describe, expect, it } from 'vitest'
import { SpatialGrid } from '../../../src/renderer/src/map/spatialGrid'

/** A seeded generator, so the points are the same on every run. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function bruteNearest(xs: Float32Array, ys: Float32Array, x: number, y: number, maxDistance: number): number | null {
  let best: number | null = null
  let bestDistance = maxDistance
  for (let i = 0; i < xs.length; i++) {
    const d = Math.hypot(xs[i]! - x, ys[i]! - y)
    if (d <= bestDistance) [best, bestDistance] = [i, d]
  }
  return best
}

describe('the spatial grid', () => {
  it('finds the same nearest point as looking at every point, for clustered points and any radius', () => {
    const next = random(7)
    const count = 5000
    // Half in a tight cluster, half spread out: cells hold very different numbers of points.
    const xs = Float32Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 0.3 + next() * 0.01 : next()))
    const ys = Float32Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 0.6 + next() * 0.01 : next()))
    const grid = new SpatialGrid(xs, ys)
    for (let k = 0; k < 500; k++) {
      const [x, y] = [next() * 1.2 - 0.1, next() * 1.2 - 0.1]
      for (const radius of [0.001, 0.01, 0.2]) {
        const found = grid.nearest(x, y, radius)
        const expected = bruteNearest(xs, ys, x, y, radius)
        if (expected === null) expect(found).toBeNull()
        else expect(Math.hypot(xs[found!]! - x, ys[found!]! - y)).toBeCloseTo(Math.hypot(xs[expected]! - x, ys[expected]! - y), 9)
      }
    }
  })

  it('finds nothing beyond the radius, in an empty grid, or where every point is in one place', () => {
    expect(new SpatialGrid(new Float32Array(0), new Float32Array(0)).nearest(0.5, 0.5, 1)).toBeNull()
    const same = new SpatialGrid(Float32Array.from([0.5, 0.5, 0.5]), Float32Array.from([0.5, 0.5, 0.5]))
    expect(same.nearest(0.5, 0.5, 0.01)).not.toBeNull()
    expect(same.nearest(0.6, 0.5, 0.05)).toBeNull()
  })
})
