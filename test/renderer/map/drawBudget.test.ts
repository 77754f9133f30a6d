import { describe, expect, it } from 'vitest'
import { DrawBudget } from '../../../src/renderer/src/map/drawBudget'

const OPTIONS = { budgetMs: 25, minimum: 4000 }

/** Frames whose time grows with the points drawn and comes, as a browser's does, in whole display frames of 16.7 ms. */
function softwareFrame(drawn: number, msPerPoint: number): number {
  const work = 2 + drawn * msPerPoint
  return Math.ceil(work / (1000 / 60)) * (1000 / 60)
}

describe("the map's draw budget", () => {
  it('starts at every point and stays there while frames keep within budget (a real GPU at 60 Hz)', () => {
    const budget = new DrawBudget(100_000, OPTIONS)
    expect(budget.count).toBe(100_000)
    for (let frame = 0; frame < 50; frame++) budget.observe(1000 / 60, budget.count)
    expect(budget.count).toBe(100_000)
  })

  it('shrinks in proportion to a slow frame, then settles where frames keep within budget', () => {
    const budget = new DrawBudget(100_000, OPTIONS)
    // SwiftShader: ~0.6 µs a point, so every point takes four display frames.
    budget.observe(softwareFrame(100_000, 0.0006), 100_000)
    expect(budget.count).toBeLessThan(40_000)
    const frames: number[] = []
    for (let frame = 0; frame < 60; frame++) {
      const drawn = budget.count
      const ms = softwareFrame(drawn, 0.0006)
      frames.push(ms)
      budget.observe(ms, drawn)
    }
    // After the first few frames, most fit in one display frame, none is as slow as drawing everything, and the
    // sample stays large enough to show the map.
    const settled = frames.slice(10)
    expect(settled.filter((ms) => ms <= 25).length / settled.length).toBeGreaterThan(0.6)
    expect(Math.max(...settled)).toBeLessThan(softwareFrame(100_000, 0.0006))
    expect(budget.count).toBeGreaterThan(10_000)
  })

  it('grows back to every point when frames become fast again, a quarter a frame', () => {
    const budget = new DrawBudget(100_000, OPTIONS)
    budget.observe(200, 100_000)
    const low = budget.count
    budget.observe(16.7, low)
    expect(budget.count).toBe(Math.round(low * 1.25))
    for (let frame = 0; frame < 30; frame++) budget.observe(16.7, budget.count)
    expect(budget.count).toBe(100_000)
  })

  it('never goes below its minimum, nor above the map', () => {
    const budget = new DrawBudget(100_000, OPTIONS)
    for (let frame = 0; frame < 10; frame++) budget.observe(5000, budget.count)
    expect(budget.count).toBe(4000)
    const small = new DrawBudget(1500, OPTIONS)
    small.observe(500, 1500)
    expect(small.count).toBe(1500)
  })

  it('ignores frames that drew nothing or were not timed, and starts again for a new map', () => {
    const budget = new DrawBudget(100_000, OPTIONS)
    budget.observe(100, 0)
    budget.observe(Number.NaN, 50_000)
    budget.observe(0, 50_000)
    expect(budget.count).toBe(100_000)
    budget.observe(100, 100_000)
    expect(budget.count).toBeLessThan(100_000)
    budget.reset(10_000)
    expect(budget.count).toBe(10_000)
  })
})
