import { describe, expect, it } from 'vitest'
import { auroc, confusionAt, rocCurve } from '../../../../src/main/engines/anomaly'

/** ROC arithmetic on hand-made scores whose answers can be worked out on paper. */

/** The area under a curve drawn through its points from (0, 0), by trapezoids: what a chart of it shows. */
function areaUnder(points: ReadonlyArray<{ falseAlarmRate: number; detectionRate: number }>): number {
  let area = 0
  let previous = { falseAlarmRate: 0, detectionRate: 0 }
  for (const point of points) {
    area += ((point.falseAlarmRate - previous.falseAlarmRate) * (point.detectionRate + previous.detectionRate)) / 2
    previous = point
  }
  return area
}

describe('auroc', () => {
  it('is 1 when every defect scores above every good image, 0 when below', () => {
    expect(auroc([0.1, 0.2, 0.3], [0.5, 0.9])).toBe(1)
    expect(auroc([0.5, 0.9], [0.1, 0.2, 0.3])).toBe(0)
  })

  it('counts a tie as one half', () => {
    // Defect 0.5 beats good 0.2, ties good 0.5, loses to good 0.8: (1 + 0.5 + 0) / 3.
    expect(auroc([0.2, 0.5, 0.8], [0.5])).toBeCloseTo(0.5, 12)
    // Pairs: 0.3 vs 0.1 win, 0.3 vs 0.3 tie, 0.3 vs 0.3 tie; 0.4 beats all three: (1 + 0.5 + 0.5 + 3) / 6.
    expect(auroc([0.1, 0.3, 0.3], [0.3, 0.4])).toBeCloseTo(5 / 6, 12)
  })

  it('is one half when every score is the same, and null with either side empty', () => {
    expect(auroc([0.4, 0.4, 0.4], [0.4, 0.4])).toBe(0.5)
    expect(auroc([], [0.4])).toBeNull()
    expect(auroc([0.4], [])).toBeNull()
  })

  it('equals the area under its ROC curve, ties included', () => {
    const good = [0.1, 0.2, 0.2, 0.35, 0.5, 0.5, 0.7]
    const defects = [0.2, 0.5, 0.6, 0.9, 0.9]
    expect(areaUnder(rocCurve(good, defects))).toBeCloseTo(auroc(good, defects)!, 12)
  })
})

describe('rocCurve', () => {
  it('steps once per distinct score, from the highest threshold down to (1, 1)', () => {
    expect(rocCurve([0.1, 0.4], [0.4, 0.8])).toEqual([
      { threshold: 0.8, falseAlarmRate: 0, detectionRate: 0.5 },
      { threshold: 0.4, falseAlarmRate: 0.5, detectionRate: 1 },
      { threshold: 0.1, falseAlarmRate: 1, detectionRate: 1 },
    ])
  })

  it('runs straight up then across for a perfect ranking, and across then up for a reversed one', () => {
    const perfect = rocCurve([0.1, 0.2], [0.8, 0.9])
    expect(perfect.map((point) => [point.falseAlarmRate, point.detectionRate])).toEqual([
      [0, 0.5],
      [0, 1],
      [0.5, 1],
      [1, 1],
    ])
    const reversed = rocCurve([0.8, 0.9], [0.1, 0.2])
    expect(reversed.map((point) => [point.falseAlarmRate, point.detectionRate])).toEqual([
      [0.5, 0],
      [1, 0],
      [1, 0.5],
      [1, 1],
    ])
  })

  it('is one point, the diagonal, when all scores are equal; empty with either side empty', () => {
    expect(rocCurve([0.3, 0.3], [0.3])).toEqual([{ threshold: 0.3, falseAlarmRate: 1, detectionRate: 1 }])
    expect(rocCurve([], [0.3])).toEqual([])
  })

  it('thins a long curve to the cap, keeping both ends in order', () => {
    const good = Array.from({ length: 600 }, (_, index) => index / 600)
    const defects = Array.from({ length: 400 }, (_, index) => 0.3 + index / 500)
    const full = rocCurve(good, defects, Infinity)
    const thinned = rocCurve(good, defects)
    expect(thinned).toHaveLength(200)
    expect(thinned[0]).toEqual(full[0])
    expect(thinned.at(-1)).toEqual(full.at(-1))
    expect(thinned.map((point) => point.threshold)).toEqual(thinned.map((point) => point.threshold).sort((a, b) => b - a))
    expect(areaUnder(thinned)).toBeCloseTo(auroc(good, defects)!, 2)
  })
})

describe('confusionAt', () => {
  it('flags scores at or above the threshold and adds up to every image', () => {
    expect(confusionAt([0.1, 0.4, 0.6], [0.4, 0.3, 0.9, 0.95], 0.4)).toEqual({ truePositive: 3, falsePositive: 2, trueNegative: 1, falseNegative: 1 })
    expect(confusionAt([0.1], [0.2], 1)).toEqual({ truePositive: 0, falsePositive: 0, trueNegative: 1, falseNegative: 1 })
  })
})
