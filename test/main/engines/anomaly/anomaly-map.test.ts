import { describe, expect, it } from 'vitest'
import { hotRegions, widenedMap } from '../../../../src/main/engines/anomaly/anomaly-map'

describe('widening a map before two backbones are averaged', () => {
  it('grows a hot spot by the reach on every side and keeps its peak, stopping at the edges', () => {
    const values = new Float32Array(10 * 8).fill(-1)
    values[3 * 10 + 1] = 5
    values[6 * 10 + 8] = 2
    const widened = widenedMap({ width: 10, height: 8, values }, 2)
    const regions = hotRegions(widened, 1, { width: 10, height: 8 })
    expect(regions).toEqual([
      { x: 0, y: 1, width: 4, height: 5, score: 5 },
      { x: 6, y: 4, width: 4, height: 4, score: 2 },
    ])
    // Drawn in again by the reach where the map's edge did not stop the widening: about the spots themselves.
    expect(hotRegions(widened, 1, { width: 10, height: 8 }, 2)).toEqual([
      { x: 0, y: 3, width: 2, height: 1, score: 5 },
      { x: 8, y: 6, width: 2, height: 2, score: 2 },
    ])
    expect(Math.max(...widened.values)).toBe(5)
    expect(Math.min(...widened.values)).toBe(-1)
  })

  it('leaves a map as it is with no reach', () => {
    const map = { width: 2, height: 1, values: Float32Array.from([1, 2]) }
    expect(widenedMap(map, 0)).toBe(map)
  })
})
