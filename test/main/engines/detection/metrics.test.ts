import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { iou, type DetectedBox, type LabelledBox } from '../../../../src/main/engines/detection/boxes'
import { averagePrecision, bestF1Threshold, evaluateDetections, IOU_THRESHOLDS, type ImageDetections } from '../../../../src/main/engines/detection/metrics'
import { readVoc } from '../../../../src/main/engines/formats'
import { Random } from '../../../../src/main/engines/learning/random'
import { SHARED_DATA } from '../../../support/paths'

const truthBox = (x: number, y: number, width: number, height: number, classIndex = 0): LabelledBox => ({ x, y, width, height, classIndex })
const detected = (box: LabelledBox, score: number, classIndex = box.classIndex): DetectedBox => ({ ...box, classIndex, score })
const atHalf = { scoreThreshold: 0.5 }

describe('evaluateDetections on hand-made cases', () => {
  it('scores perfect detections 1 everywhere', () => {
    const images: ImageDetections[] = [
      { truth: [truthBox(0.1, 0.1, 0.2, 0.2, 0), truthBox(0.5, 0.5, 0.3, 0.2, 1)], detections: [] },
      { truth: [truthBox(0.2, 0.3, 0.1, 0.4, 1)], detections: [] },
    ].map((image) => ({ ...image, detections: image.truth.map((box) => detected(box, 0.9)) }))
    const evaluation = evaluateDetections(images, 2, atHalf)
    expect(evaluation.map50).toBe(1)
    expect(evaluation.map5095).toBe(1)
    expect(evaluation.perClass).toEqual([
      { classIndex: 0, truthBoxes: 1, ap50: 1, ap5095: 1, precision: 1, recall: 1 },
      { classIndex: 1, truthBoxes: 2, ap50: 1, ap5095: 1, precision: 1, recall: 1 },
    ])
    expect(evaluation.images).toEqual([
      { index: 0, misses: 0, falsePositives: 0, worst: 0 },
      { index: 1, misses: 0, falsePositives: 0, worst: 0 },
    ])
  })

  it('counts a duplicate detection as a false positive', () => {
    const left = truthBox(0, 0, 0.25, 0.25)
    const right = truthBox(0.5, 0.5, 0.25, 0.25)
    const images = [{ truth: [left, right], detections: [detected(left, 0.9), detected(left, 0.8), detected(right, 0.7)] }]
    // Ranked: found (precision 1, recall ½), duplicate (½, ½), found (⅔, 1). Envelope: 1 up to recall ½, then ⅔.
    const ap = (1 * 0.5 + (2 / 3) * 0.5)
    const evaluation = evaluateDetections(images, 1, { scoreThreshold: 0.75 })
    expect(evaluation.map50).toBeCloseTo(ap, 12)
    expect(evaluation.map5095).toBeCloseTo(ap, 12)
    // At score 0.75 only the first two count: one right, one duplicate; the right box is then missed.
    expect(evaluation.perClass[0]).toMatchObject({ precision: 0.5, recall: 0.5 })
    expect(evaluation.images[0]).toMatchObject({ misses: 1, falsePositives: 1 })
  })

  it('counts a box found with the wrong class as a miss of one class and a false positive of the other', () => {
    const defect = truthBox(0.2, 0.2, 0.3, 0.3, 0)
    const evaluation = evaluateDetections([{ truth: [defect], detections: [detected(defect, 0.9, 1)] }], 2, atHalf)
    expect(evaluation.perClass).toEqual([
      { classIndex: 0, truthBoxes: 1, ap50: 0, ap5095: 0, precision: null, recall: 0 },
      { classIndex: 1, truthBoxes: 0, ap50: null, ap5095: null, precision: 0, recall: null },
    ])
    expect(evaluation.map50).toBe(0)
    expect(evaluation.images[0]).toMatchObject({ misses: 1, falsePositives: 1 })
  })

  it('counts a detection exactly at an IoU threshold as found at it and not above', () => {
    const defect = truthBox(0, 0, 0.5, 0.5)
    const threeQuarters = truthBox(0, 0, 0.5, 0.375) // 0.1875 / 0.25: 0.75 exactly in binary
    const half = truthBox(0, 0, 0.5, 0.25)
    expect(iou(defect, threeQuarters)).toBe(0.75)
    expect(iou(defect, half)).toBe(0.5)
    const images = (box: LabelledBox) => [{ truth: [defect], detections: [detected(box, 0.9)] }]
    expect(averagePrecision(images(threeQuarters), 1, 0, 0.75)).toBe(1)
    expect(averagePrecision(images(threeQuarters), 1, 0, 0.7500001)).toBe(0)
    // Found at 0.50 … 0.75: six of the ten thresholds.
    expect(evaluateDetections(images(threeQuarters), 1, atHalf)).toMatchObject({ map50: 1, map5095: 0.6 })
    // Precision, recall and the per-image counts are at IoU 0.5, so a box found there and nowhere above counts as found.
    expect(evaluateDetections(images(half), 1, atHalf)).toMatchObject({
      map50: 1,
      map5095: 0.1,
      perClass: [{ precision: 1, recall: 1 }],
      images: [{ misses: 0, falsePositives: 0 }],
    })
    expect(IOU_THRESHOLDS).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95])
  })

  it('gives a class without truth boxes no AP and leaves it out of the mean', () => {
    const found = truthBox(0.1, 0.1, 0.2, 0.2, 0)
    const missed = truthBox(0.6, 0.6, 0.2, 0.2, 0)
    const images = [{ truth: [found, missed], detections: [detected(found, 0.9), detected(truthBox(0.5, 0.1, 0.2, 0.2), 0.8, 1)] }]
    const evaluation = evaluateDetections(images, 3, atHalf)
    expect(evaluation.perClass.map((c) => c.ap50)).toEqual([0.5, null, null])
    expect(evaluation.map50).toBe(0.5)
    expect(evaluation.map5095).toBe(0.5)
    expect(averagePrecision(images, 3, 1, 0.5)).toBeNull()
  })

  it('answers empty inputs without inventing figures', () => {
    expect(evaluateDetections([], 2, atHalf)).toEqual({
      map50: null,
      map5095: null,
      perClass: [0, 1].map((classIndex) => ({ classIndex, truthBoxes: 0, ap50: null, ap5095: null, precision: null, recall: null })),
      images: [],
    })
    expect(evaluateDetections([{ truth: [], detections: [] }], 0, atHalf)).toEqual({
      map50: null,
      map5095: null,
      perClass: [],
      images: [{ index: 0, misses: 0, falsePositives: 0, worst: 0 }],
    })
    const onlyTruth = evaluateDetections([{ truth: [truthBox(0, 0, 0.5, 0.5)], detections: [] }], 1, atHalf)
    expect(onlyTruth).toMatchObject({ map50: 0, map5095: 0, perClass: [{ precision: null, recall: 0 }], images: [{ misses: 1, falsePositives: 0 }] })
  })

  it('gives each detection the free truth box it overlaps most, so a later detection can still take the other', () => {
    const left = truthBox(0, 0, 0.4, 0.4)
    const right = truthBox(0.1, 0, 0.4, 0.4)
    const between = detected(truthBox(0.06, 0, 0.4, 0.4), 0.9) // IoU 0.82 with right, 0.74 with left
    const leftOfLeft = detected(truthBox(-0.05, 0, 0.4, 0.4), 0.8) // IoU 0.78 with left, 0.45 with right
    expect(iou(between, right)).toBeGreaterThan(iou(between, left))
    expect(iou(leftOfLeft, right)).toBeLessThan(0.5)
    // Had the first detection taken the first box over 0.5 (left), the second would have found nothing: AP 0.5.
    expect(evaluateDetections([{ truth: [left, right], detections: [leftOfLeft, between] }], 1, atHalf).map50).toBe(1)
  })

  it('tells only detections at or above the score threshold, and does not let the low ones change the AP', () => {
    const defect = truthBox(0.1, 0.1, 0.3, 0.3)
    const evaluation = evaluateDetections([{ truth: [defect], detections: [detected(defect, 0.3)] }], 1, atHalf)
    expect(evaluation.map50).toBe(1)
    expect(evaluation.perClass[0]).toMatchObject({ precision: null, recall: 0 })
    expect(evaluation.images[0]).toMatchObject({ misses: 1, falsePositives: 0 })
    const stray = detected(truthBox(0.6, 0.6, 0.2, 0.2), 0.5)
    const atThreshold = evaluateDetections([{ truth: [defect], detections: [detected(defect, 0.5), stray] }], 1, atHalf)
    expect(atThreshold.perClass[0]).toMatchObject({ precision: 0.5, recall: 1 })
    expect(atThreshold.images[0]).toMatchObject({ misses: 0, falsePositives: 1 })
  })

  it('ranks images by their errors, then by the larger missed box or the surer false positive', () => {
    const small = truthBox(0, 0, 0.1, 0.1)
    const large = truthBox(0, 0, 0.6, 0.6)
    const nowhere = truthBox(0.8, 0.8, 0.1, 0.1)
    const images = [
      { truth: [small], detections: [] },
      { truth: [large], detections: [] },
      { truth: [small], detections: [detected(nowhere, 0.6)] },
      { truth: [small], detections: [detected(nowhere, 0.95)] },
      { truth: [], detections: [detected(nowhere, 0.7)] },
      { truth: [large], detections: [detected(large, 0.9)] },
    ]
    const worstFirst = [...evaluateDetections(images, 1, atHalf).images].sort((a, b) => b.worst - a.worst).map((image) => image.index)
    expect(worstFirst).toEqual([3, 2, 4, 1, 0, 5])
  })

  it('refuses boxes and settings it cannot measure, saying where', () => {
    const box = truthBox(0, 0, 0.2, 0.2)
    expect(() => evaluateDetections([{ truth: [truthBox(0, 0, 0.2, 0.2, 3)], detections: [] }], 3, atHalf)).toThrow('image 0, truth box 0: class 3 is not one of the 3 classes')
    expect(() => evaluateDetections([{ truth: [], detections: [] }, { truth: [], detections: [detected(box, Number.NaN)] }], 1, atHalf)).toThrow(
      'image 1, detection 0: no finite score (NaN)',
    )
    expect(() => evaluateDetections([{ truth: [{ ...box, width: -0.1 }], detections: [] }], 1, atHalf)).toThrow(/image 0, truth box 0: not a box/)
    expect(() => evaluateDetections([], 1.5, atHalf)).toThrow('the class count must be a whole number ≥ 0, not 1.5')
    expect(() => evaluateDetections([], 1, { scoreThreshold: Number.NaN })).toThrow(/score threshold/)
    expect(() => averagePrecision([], 2, 2, 0.5)).toThrow('class 2 is not one of the 2 classes')
    expect(() => averagePrecision([], 2, 0, 2)).toThrow(/IoU threshold must be between 0 and 1/)
  })
})

describe('averagePrecision against a brute-force reference', () => {
  it('agrees on random images at every IoU threshold', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = new Random(seed)
      const classCount = 3
      const images = Array.from({ length: 1 + random.below(6) }, () => randomImage(random, classCount))
      const evaluation = evaluateDetections(images, classCount, atHalf)
      for (let classIndex = 0; classIndex < classCount; classIndex++) {
        const expected = IOU_THRESHOLDS.map((threshold) => bruteForceAveragePrecision(images, classIndex, threshold))
        IOU_THRESHOLDS.forEach((threshold, k) => {
          const ap = averagePrecision(images, classCount, classIndex, threshold)
          if (expected[k] === null) expect(ap, `seed ${seed}`).toBeNull()
          else expect(ap, `seed ${seed}, class ${classIndex}, IoU ${threshold}`).toBeCloseTo(expected[k]!, 12)
        })
        const { ap50, ap5095 } = evaluation.perClass[classIndex]!
        if (expected[0] === null) expect([ap50, ap5095]).toEqual([null, null])
        else {
          expect(ap50).toBeCloseTo(expected[0]!, 12)
          expect(ap5095).toBeCloseTo(expected.reduce((sum: number, ap) => sum + ap!, 0) / IOU_THRESHOLDS.length, 12)
        }
      }
    }
  })
})

/** Truth boxes, noisy copies of some of them (some twice) and boxes in random places; scores on a grid, so ties occur. */
function randomImage(random: Random, classCount: number): ImageDetections {
  const truth = Array.from({ length: random.below(5) }, () => {
    const width = 0.05 + random.next() * 0.4
    const height = 0.05 + random.next() * 0.4
    return truthBox(random.next() * (1 - width), random.next() * (1 - height), width, height, random.below(classCount))
  })
  const jitter = (value: number) => value + (random.next() - 0.5) * 0.1
  const copies = truth.flatMap((box) => Array.from({ length: random.below(3) }, () => ({ ...box, x: jitter(box.x), y: jitter(box.y), width: jitter(box.width) })))
  const strays = Array.from({ length: random.below(3) }, () => truthBox(random.next() * 0.8, random.next() * 0.8, 0.2, 0.2, random.below(classCount)))
  const detections = [...copies, ...strays].map((box) => detected(box, Math.round(random.next() * 10) / 10))
  return { truth, detections }
}

/**
 * Written from the definition, apart from the engine's code: rank the class's detections over all images (score,
 * then image, then input order), match them one by one, list the precision/recall point after each, and for each
 * recall level j/n take the best precision among the points reaching it.
 */
function bruteForceAveragePrecision(images: ImageDetections[], classIndex: number, threshold: number): number | null {
  const truthCount = images.reduce((n, image) => n + image.truth.filter((box) => box.classIndex === classIndex).length, 0)
  if (truthCount === 0) return null
  const ranked = images
    .flatMap((image, imageIndex) => image.detections.map((box, order) => ({ box, imageIndex, order })))
    .filter(({ box }) => box.classIndex === classIndex)
    .sort((a, b) => b.box.score - a.box.score || a.imageIndex - b.imageIndex || a.order - b.order)
  const taken = new Set<LabelledBox>()
  const points: Array<{ recall: number; precision: number }> = []
  let found = 0
  ranked.forEach(({ box, imageIndex }, rank) => {
    const free = images[imageIndex]!.truth.filter((t) => t.classIndex === classIndex && !taken.has(t) && iou(box, t) >= threshold)
    const best = free.reduce<LabelledBox | undefined>((a, t) => (a === undefined || iou(box, t) > iou(box, a) ? t : a), undefined)
    if (best) {
      taken.add(best)
      found++
    }
    points.push({ recall: found / truthCount, precision: found / (rank + 1) })
  })
  let area = 0
  for (let level = 1; level <= truthCount; level++) {
    const reaching = points.filter((p) => p.recall >= level / truthCount - 1e-12).map((p) => p.precision)
    area += (reaching.length > 0 ? Math.max(...reaching) : 0) / truthCount
  }
  return area
}

describe('evaluateDetections on NEU-DET boxes', () => {
  let images: ImageDetections[]
  let classCount: number
  beforeAll(async () => {
    const { set } = await readVoc(join(SHARED_DATA, 'neu-det'))
    classCount = set.classes.length
    // Every 12th of the 240 files (sorted by name, 40 per class): 20 images covering all six classes.
    images = set.images
      .filter((_, index) => index % 12 === 0)
      .map((image) => ({
        truth: image.boxes.map((b) => truthBox(b.x / image.width, b.y / image.height, b.width / image.width, b.height / image.height, set.classes.indexOf(b.label))),
        detections: [],
      }))
  })

  const shifted = (box: LabelledBox, right: number, down: number): LabelledBox => ({ ...box, x: box.x + right * box.width, y: box.y + down * box.height })
  /** True when `box` overlaps no truth box of its class in its image at IoU ≥ 0.5, so the expected figures hold. */
  const overlapsNoTruth = (image: ImageDetections, box: LabelledBox) => image.truth.every((t) => t.classIndex !== box.classIndex || iou(t, box) < 0.5)

  it('uses 20 images with boxes of all six classes', () => {
    expect(images).toHaveLength(20)
    expect(classCount).toBe(6)
    expect(new Set(images.flatMap((image) => image.truth.map((box) => box.classIndex))).size).toBe(6)
  })

  it('scores the truth itself 1 at every threshold', () => {
    const evaluation = evaluateDetections(
      images.map((image) => ({ truth: image.truth, detections: image.truth.map((box) => detected(box, 1)) })),
      classCount,
      atHalf,
    )
    expect(evaluation).toMatchObject({ map50: 1, map5095: 1 })
    expect(evaluation.images.every((image) => image.worst === 0)).toBe(true)
  })

  it('finds boxes moved right by 30% of their width at IoU 0.5 only: 0.7 / 1.3 ≈ 0.54', () => {
    const moved = images.map((image) => ({ truth: image.truth, detections: image.truth.map((box) => detected(shifted(box, 0.3, 0), 1)) }))
    for (const image of moved) for (const [i, d] of image.detections.entries()) expect(iou(d, image.truth[i]!)).toBeCloseTo(0.7 / 1.3, 12)
    const evaluation = evaluateDetections(moved, classCount, atHalf)
    expect(evaluation.map50).toBe(1)
    expect(evaluation.map5095).toBeCloseTo(0.1, 12)
  })

  it('loses the share of boxes moved by 30% of their size both ways, which fall to IoU 0.49 / 1.51 ≈ 0.32', () => {
    // Every other box is moved and ranked below the exact ones: each class's AP50 is its share of exact boxes.
    let boxIndex = 0
    const exactByClass = new Array<number>(classCount).fill(0)
    const totalByClass = new Array<number>(classCount).fill(0)
    const mixed = images.map((image) => {
      const detections = image.truth.map((box) => {
        totalByClass[box.classIndex]!++
        if (boxIndex++ % 2 === 0) {
          exactByClass[box.classIndex]!++
          return detected(box, 1)
        }
        const moved = shifted(box, 0.3, 0.3)
        expect(overlapsNoTruth(image, moved)).toBe(true)
        return detected(moved, 0.5)
      })
      return { truth: image.truth, detections }
    })
    const expected = exactByClass.map((exact, c) => exact / totalByClass[c]!)
    const evaluation = evaluateDetections(mixed, classCount, atHalf)
    evaluation.perClass.forEach((c) => {
      expect(c.ap50).toBeCloseTo(expected[c.classIndex]!, 12)
      expect(c.recall).toBeCloseTo(expected[c.classIndex]!, 12)
    })
    expect(evaluation.map50).toBeCloseTo(expected.reduce((sum, ap) => sum + ap, 0) / classCount, 12)
    expect(evaluation.map50).toBeLessThan(0.75)
  })
})

describe('bestF1Threshold', () => {
  const a = truthBox(0, 0, 0.2, 0.2)
  const b = truthBox(0.5, 0.5, 0.2, 0.2, 1)
  const elsewhere = truthBox(0.8, 0.0, 0.1, 0.1)

  it('stops where F1 peaks over every class together, rounded down to 0.01', () => {
    // Ranked: a (F1 2/3), b (1), a wrong box (4/5), a duplicate of a (2/3): the best stop is after b, at its 0.617.
    const images = [
      { truth: [a], detections: [detected(a, 0.9), detected(elsewhere, 0.4), detected(a, 0.2)] },
      { truth: [b], detections: [detected(b, 0.617)] },
    ]
    expect(bestF1Threshold(images, 2, 0.3)).toBe(0.61)
  })

  it('keeps every detection of a score or none of them', () => {
    // At 0.5 one found box and two wrong ones come together: F1 4/6 with all of them, no better than 2/3 with the box
    // at 0.9 alone. Stopping inside the tie, after the found box, would claim F1 1 at 0.5, which no threshold gives.
    const c = truthBox(0.3, 0.3, 0.2, 0.2)
    const images = [{ truth: [a, c], detections: [detected(a, 0.9), detected(c, 0.5), detected(elsewhere, 0.5), detected(truthBox(0.6, 0.6, 0.1, 0.1), 0.5)] }]
    expect(bestF1Threshold(images, 1, 0.3)).toBe(0.9)
  })

  it('falls back when there is nothing to find or nothing found, and leaves crowd regions out', () => {
    expect(bestF1Threshold([{ truth: [], detections: [detected(a, 0.8)] }], 1, 0.3)).toBe(0.3)
    expect(bestF1Threshold([{ truth: [a], detections: [] }], 1, 0.3)).toBe(0.3)
    const crowd = { ...truthBox(0.5, 0, 0.5, 0.5), crowd: true }
    // The 0.95 box inside the crowd region counts neither way; the found box at 0.7 sets the threshold.
    expect(bestF1Threshold([{ truth: [a, crowd], detections: [detected(truthBox(0.6, 0.1, 0.1, 0.1), 0.95), detected(a, 0.7)] }], 1, 0.3)).toBe(0.7)
  })
})
