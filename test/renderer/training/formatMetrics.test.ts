import { describe, expect, it } from 'vitest'
import { formatDuration, formatPercent, formatScore } from '../../../src/renderer/src/training/formatMetrics'

describe('training metrics as shown', () => {
  it('gives percentages to a tenth, without a trailing ".0"', () => {
    expect(formatPercent(0.9412)).toBe('94.1%')
    expect(formatPercent(1)).toBe('100%')
    expect(formatPercent(0)).toBe('0%')
  })

  it('prints scores with two decimals', () => {
    expect(formatScore(0.8)).toBe('0.80')
    expect(formatScore(0.876)).toBe('0.88')
  })

  it('says durations in seconds, then minutes and seconds', () => {
    expect(formatDuration(0.4)).toBe('0.4 s')
    expect(formatDuration(42.4)).toBe('42 s')
    expect(formatDuration(75)).toBe('1 min 15 s')
    expect(formatDuration(180)).toBe('3 min')
  })
})
