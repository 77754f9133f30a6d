import { describe, expect, it } from 'vitest'
import { iou, type DetectedBox } from '../../../../src/main/engines/detection/boxes'
import { nonMaximumSuppression } from '../../../../src/main/engines/detection/nms'
import { Random } from '../../../../src/main/engines/learning/random'

const box = (x: number, y: number, width: number, height: number, score: number, classIndex = 0): DetectedBox => ({ x, y, width, height, score, classIndex })
const options = { iouThreshold: 0.5, maxBoxes: 100, perClass: true }

describe('nonMaximumSuppression', () => {
  it('keeps nothing of nothing', () => {
    expect(nonMaximumSuppression([], options)).toEqual([])
  })

  it('keeps the most confident of two overlapping boxes and returns boxes best score first', () => {
    const low = box(0.1, 0.1, 0.2, 0.2, 0.6)
    const high = box(0.11, 0.1, 0.2, 0.2, 0.9)
    const apart = box(0.6, 0.6, 0.2, 0.2, 0.7)
    expect(nonMaximumSuppression([low, apart, high], options)).toEqual([high, apart])
  })

  it('lets boxes of other classes overlap unless told to suppress across classes', () => {
    const steel = box(0.1, 0.1, 0.2, 0.2, 0.9, 0)
    const scratch = box(0.1, 0.1, 0.2, 0.2, 0.8, 1)
    expect(nonMaximumSuppression([steel, scratch], options)).toEqual([steel, scratch])
    expect(nonMaximumSuppression([steel, scratch], { ...options, perClass: false })).toEqual([steel])
  })

  it('keeps a box exactly at the IoU threshold and drops one just over it', () => {
    const kept = box(0, 0, 0.5, 0.5, 0.9)
    const atHalf = box(0, 0, 0.5, 0.25, 0.8) // overlap 0.125 / union 0.25 = 0.5 exactly in binary
    expect(iou(kept, atHalf)).toBe(0.5)
    expect(nonMaximumSuppression([kept, atHalf], options)).toEqual([kept, atHalf])
    expect(nonMaximumSuppression([kept, atHalf], { ...options, iouThreshold: 0.4999 })).toEqual([kept])
  })

  it('breaks equal scores by input order', () => {
    const first = box(0.1, 0.1, 0.2, 0.2, 0.5)
    const second = box(0.1, 0.1, 0.2, 0.2, 0.5)
    const third = box(0.7, 0.7, 0.2, 0.2, 0.5)
    const kept = nonMaximumSuppression([first, second, third], options)
    expect(kept).toHaveLength(2)
    expect(kept[0]).toBe(first)
    expect(kept[1]).toBe(third)
  })

  it('compares only with kept boxes: a box suppressed by the best one does not suppress its own neighbour', () => {
    const best = box(0, 0, 0.3, 0.3, 0.9)
    const middle = box(0.1, 0, 0.3, 0.3, 0.8) // IoU with best 0.5: over 0.4
    const far = box(0.2, 0, 0.3, 0.3, 0.7) // IoU with best 0.2, with middle 0.5
    expect(nonMaximumSuppression([best, middle, far], { ...options, iouThreshold: 0.4 })).toEqual([best, far])
  })

  it('returns at most maxBoxes, the most confident', () => {
    const boxes = [0.1, 0.9, 0.5, 0.7].map((score, i) => box(i * 0.25, 0, 0.2, 0.2, score))
    expect(nonMaximumSuppression(boxes, { ...options, maxBoxes: 2 }).map((b) => b.score)).toEqual([0.9, 0.7])
    expect(nonMaximumSuppression(boxes, { ...options, maxBoxes: 0 })).toEqual([])
  })

  it('refuses options and scores it cannot honour, saying which', () => {
    const boxes = [box(0, 0, 0.1, 0.1, 0.5)]
    expect(() => nonMaximumSuppression(boxes, { ...options, iouThreshold: 1.5 })).toThrow(/IoU threshold must be between 0 and 1, not 1.5/)
    expect(() => nonMaximumSuppression(boxes, { ...options, iouThreshold: Number.NaN })).toThrow(/IoU threshold/)
    expect(() => nonMaximumSuppression(boxes, { ...options, maxBoxes: 2.5 })).toThrow(/whole number ≥ 0, not 2.5/)
    expect(() => nonMaximumSuppression([...boxes, box(0, 0, 0.1, 0.1, Number.NaN)], options)).toThrow(/box 1 has no finite score/)
  })

  it('gives what suppressing every pair gives, on a few thousand random candidates', () => {
    const random = new Random(15)
    const candidates = Array.from({ length: 2000 }, () => {
      const width = 0.02 + random.next() * 0.2
      const height = 0.02 + random.next() * 0.2
      // Scores on a coarse grid so that ties occur and their order is checked too.
      return box(random.next() * (1 - width), random.next() * (1 - height), width, height, Math.round(random.next() * 50) / 50, random.below(3))
    })
    for (const perClass of [true, false]) {
      const settings = { iouThreshold: 0.45, maxBoxes: 300, perClass }
      expect(nonMaximumSuppression(candidates, settings)).toEqual(suppressEveryPair(candidates, settings))
    }
  })
})

/** The textbook form, written independently: sort, then each survivor strikes every later box it overlaps too much. */
function suppressEveryPair(boxes: DetectedBox[], { iouThreshold, maxBoxes, perClass }: typeof options): DetectedBox[] {
  const sorted = boxes.map((b, index) => ({ b, index })).sort((p, q) => q.b.score - p.b.score || p.index - q.index)
  const struck = new Set<number>()
  const kept: DetectedBox[] = []
  sorted.forEach(({ b }, i) => {
    if (struck.has(i)) return
    kept.push(b)
    for (let j = i + 1; j < sorted.length; j++) {
      const other = sorted[j]!.b
      if ((!perClass || other.classIndex === b.classIndex) && iou(b, other) > iouThreshold) struck.add(j)
    }
  })
  return kept.slice(0, maxBoxes)
}
