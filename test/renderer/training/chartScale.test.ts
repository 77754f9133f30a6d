import { describe, expect, it } from 'vitest'
import { niceMax, niceTicks, scale } from '../../../src/renderer/src/training/chartScale'

describe('chart scales', () => {
  it('puts ticks on round numbers: 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3])
    expect(niceTicks(0, 80, 4)).toEqual([0, 20, 40, 60, 80])
    // Ticks start at the first round number inside the domain.
    expect(niceTicks(3, 97, 9)).toEqual([20, 40, 60, 80])
  })

  it('counts epochs in whole steps', () => {
    expect(niceTicks(1, 4, 10, true)).toEqual([1, 2, 3, 4])
  })

  it('gives an empty or reversed domain a single tick', () => {
    expect(niceTicks(5, 5, 4)).toEqual([5])
    expect(niceTicks(5, 1, 4)).toEqual([5])
  })

  it('tops a loss axis just above the highest finite value, on a tick', () => {
    expect(niceMax([0.2, 0.93, 0.5])).toBe(1)
    expect(niceMax([Number.NaN, Infinity, 2.1])).toBeGreaterThanOrEqual(2.1)
    expect(niceMax([])).toBe(1)
  })

  it('maps a domain onto pixels, upside down when asked', () => {
    const y = scale([0, 1], [100, 0])
    expect(y(0)).toBe(100)
    expect(y(0.25)).toBe(75)
    // A domain of one value maps without dividing by zero.
    expect(scale([3, 3], [0, 10])(3)).toBe(0)
  })
})
