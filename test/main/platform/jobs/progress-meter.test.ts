import { describe, expect, it } from 'vitest'
import { ProgressMeter } from '../../../../src/main/platform/jobs/progress-meter'

describe('ProgressMeter', () => {
  it('has no rate or ETA until it has seen enough', () => {
    let now = 0
    const meter = new ProgressMeter(5_000, () => now)
    meter.record(0)
    now = 200
    meter.record(5)
    expect(meter.rate()).toBeNull()
    expect(meter.etaSeconds(100)).toBeNull()
  })

  it('estimates from the recent window only', () => {
    let now = 0
    const meter = new ProgressMeter(5_000, () => now)
    // A slow start: 10 items in 10 s, then 10 items a second.
    meter.record(0)
    now = 10_000
    meter.record(10)
    for (let second = 1; second <= 6; second++) {
      now = 10_000 + second * 1_000
      meter.record(10 + second * 10)
    }
    expect(meter.rate()).toBeCloseTo(10, 5)
    expect(meter.etaSeconds(170)).toBeCloseTo(10, 5)
  })
})
