import { describe, expect, it } from 'vitest'
import { countBelow, inDrawOrder, shuffledDrawOrder, slotsOf } from '../../../src/renderer/src/map/drawOrder'

describe("the map's draw order", () => {
  it('is a permutation whose two index maps undo each other', () => {
    const { pointAt, slotOf } = shuffledDrawOrder(10_000)
    expect([...pointAt].sort((a, b) => a - b)).toEqual(Array.from({ length: 10_000 }, (_, i) => i))
    for (let slot = 0; slot < pointAt.length; slot++) expect(slotOf[pointAt[slot]!]).toBe(slot)
  })

  it('is the same for the same count and seed, and shuffles', () => {
    expect(shuffledDrawOrder(500).pointAt).toEqual(shuffledDrawOrder(500).pointAt)
    expect(shuffledDrawOrder(500, 1).pointAt).not.toEqual(shuffledDrawOrder(500, 2).pointAt)
    const { pointAt } = shuffledDrawOrder(500)
    expect(pointAt.filter((point, slot) => point === slot).length).toBeLessThan(10)
  })

  it('makes any prefix a uniform sample: each cluster keeps its share of the points', () => {
    // Points 0..59,999 in a big cluster, 60,000..89,999 in a middle one, the rest in a small one, stored by cluster.
    const count = 100_000
    const cluster = (point: number) => (point < 60_000 ? 0 : point < 90_000 ? 1 : 2)
    const { pointAt } = shuffledDrawOrder(count)
    for (const drawn of [2_000, 10_000, 30_000]) {
      const counts = [0, 0, 0]
      for (let slot = 0; slot < drawn; slot++) counts[cluster(pointAt[slot]!)]!++
      const shares = counts.map((n) => n / drawn)
      // A binomial share's standard deviation is at most 0.5/√drawn: 0.011 for 2,000 points; allow four of them.
      const tolerance = 4 * (0.5 / Math.sqrt(drawn))
      expect(Math.abs(shares[0]! - 0.6)).toBeLessThan(tolerance)
      expect(Math.abs(shares[1]! - 0.3)).toBeLessThan(tolerance)
      expect(Math.abs(shares[2]! - 0.1)).toBeLessThan(tolerance)
    }
  })

  it('rearranges per-point values into slots, keeping each point its own values', () => {
    const order = shuffledDrawOrder(1000)
    const xy = Float32Array.from({ length: 2000 }, (_, k) => (k % 2 === 0 ? k / 2 : -k))
    const rgb = Uint8Array.from({ length: 3000 }, (_, k) => (Math.floor(k / 3) * 7 + (k % 3)) % 256)
    const arrangedXy = inDrawOrder(xy, order, 2)
    const arrangedRgb = inDrawOrder(rgb, order, 3)
    expect(arrangedXy).toBeInstanceOf(Float32Array)
    expect(arrangedRgb).toBeInstanceOf(Uint8Array)
    for (let slot = 0; slot < 1000; slot++) {
      const point = order.pointAt[slot]!
      expect([arrangedXy[slot * 2], arrangedXy[slot * 2 + 1]]).toEqual([xy[point * 2], xy[point * 2 + 1]])
      expect([...arrangedRgb.subarray(slot * 3, slot * 3 + 3)]).toEqual([...rgb.subarray(point * 3, point * 3 + 3)])
    }
  })

  it("lists a selection's slots ascending and tells how many a sample of m slots already drew", () => {
    const order = shuffledDrawOrder(1000)
    const selection = [5, 999, 0, 421, 77, 640]
    const slots = slotsOf(selection, order)
    expect([...slots]).toEqual(selection.map((point) => order.slotOf[point]!).sort((a, b) => a - b))
    for (const drawn of [0, 1, 100, 500, 999, 1000]) {
      expect(countBelow(slots, drawn)).toBe(selection.filter((point) => order.slotOf[point]! < drawn).length)
    }
    expect(countBelow(slotsOf([], order), 500)).toBe(0)
  })

  it('handles an empty map', () => {
    const order = shuffledDrawOrder(0)
    expect(order.pointAt.length).toBe(0)
    expect(inDrawOrder(new Float32Array(0), order, 2).length).toBe(0)
  })
})
