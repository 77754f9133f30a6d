import { describe, expect, it } from 'vitest'
import { fromHalf, toHalf } from '../../../../src/main/engines/detection/half-floats'
import { Random } from '../../../../src/main/engines/learning/random'

const roundTrip = (values: number[]): number[] => {
  const out = new Float32Array(values.length)
  fromHalf(toHalf(Float32Array.from(values)), out)
  return Array.from(out)
}

describe('half-precision feature maps', () => {
  it('keeps the values a half holds exactly, with their known bit patterns', () => {
    const exact = [0, 1, -2, 0.5, 6, 65504, 2 ** -14, 2 ** -24, 3 * 2 ** -24, 1 + 2 ** -10]
    expect(roundTrip(exact)).toEqual(exact)
    expect(Array.from(toHalf(Float32Array.from([1, -2, 65504, 2 ** -24, 0])))).toEqual([0x3c00, 0xc000, 0x7bff, 0x0001, 0x0000])
  })

  it('rounds to nearest with ties to even, and overflows to infinity', () => {
    // Halfway between 1 and the next half up goes down to even 1; halfway above that goes up to the even neighbour.
    expect(roundTrip([1 + 2 ** -11, 1 + 3 * 2 ** -11, 1 + 2 ** -11 + 2 ** -20])).toEqual([1, 1 + 2 ** -9, 1 + 2 ** -10])
    expect(roundTrip([2 ** -25, 1.5 * 2 ** -24, 2 ** -26])).toEqual([0, 2 * 2 ** -24, 0])
    // The largest half's mantissa rounding up carries into the exponent: infinity.
    expect(roundTrip([65520, 1e6, -1e6])).toEqual([Infinity, Infinity, -Infinity])
    expect(Number.isNaN(roundTrip([Number.NaN])[0])).toBe(true)
  })

  it('is within 2⁻¹¹ of every activation a backbone gives', () => {
    const random = new Random(3)
    const values = Float32Array.from({ length: 100_000 }, () => random.next() ** 4 * 6)
    const back = new Float32Array(values.length + 5)
    fromHalf(toHalf(values), back, 5)
    let worst = 0
    values.forEach((value, i) => {
      // Below half's smallest normal the step is absolute (2⁻²⁴), above it relative.
      const error = Math.abs(back[i + 5]! - value)
      worst = Math.max(worst, value >= 2 ** -14 ? error / value : error / 2 ** -14)
    })
    expect(worst).toBeLessThanOrEqual(2 ** -11)
  })
})
