import { describe, expect, it } from 'vitest'
import { WheelSteps, wheelPixels } from '../../../src/renderer/src/reader/wheelSteps'

describe('wheelPixels', () => {
  it('turns lines and pages into pixels', () => {
    expect(wheelPixels(120, 0, 800)).toBe(120)
    expect(wheelPixels(3, 1, 800)).toBe(120)
    expect(wheelPixels(-1, 2, 800)).toBe(-800)
  })
})

describe('WheelSteps', () => {
  it('moves one slice per mouse notch, however many pixels the system makes of it', () => {
    const wheel = new WheelSteps(40)
    expect(wheel.feed(100)).toBe(1)
    expect(wheel.feed(53)).toBe(1)
    expect(wheel.feed(-240)).toBe(-1)
  })

  it('adds up a trackpad’s small deltas, a slice per step of pixels', () => {
    const wheel = new WheelSteps(40)
    const steps = [10, 10, 10, 10, 10, 10, 10, 10, 10].map((delta) => wheel.feed(delta))
    expect(steps).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0])
  })

  it('forgets what it gathered one way when the wheel turns back', () => {
    const wheel = new WheelSteps(40)
    expect(wheel.feed(30)).toBe(0)
    expect(wheel.feed(-30)).toBe(0)
    expect(wheel.feed(-15)).toBe(-1)
    expect(wheel.feed(0)).toBe(0)
  })
})
