import { describe, expect, it } from 'vitest'
import type { DetectedBox, LabelledBox } from '../../../../src/main/engines/detection/boxes'
import { pictureLoss } from '../../../../src/main/engines/detection/loss'
import { evaluateDetections } from '../../../../src/main/engines/detection/metrics'
import { cellTargets } from '../../../../src/main/engines/detection/targets'
import { zoomedView } from '../../../../src/main/engines/detection/zoom'
import { Random } from '../../../../src/main/engines/learning/random'

const box = (x: number, y: number, width: number, height: number, classIndex = 0): LabelledBox => ({ x, y, width, height, classIndex })
const crowd = (x: number, y: number, width: number, height: number, classIndex = 0): LabelledBox => ({ ...box(x, y, width, height, classIndex), crowd: true })
const detected = (found: LabelledBox, score: number): DetectedBox => ({ x: found.x, y: found.y, width: found.width, height: found.height, classIndex: found.classIndex, score })

describe('crowd regions in the box detector (COCO iscrowd)', () => {
  it('ignores detections inside a crowd region of their class instead of calling them false, and finds no box there', () => {
    const person = box(0.05, 0.05, 0.2, 0.2)
    const region = crowd(0.5, 0.5, 0.45, 0.45)
    const inside = box(0.6, 0.6, 0.1, 0.1)
    const outside = box(0.3, 0.05, 0.1, 0.1)
    const images = [{ truth: [person, region], detections: [detected(inside, 0.95), detected(person, 0.9), detected(outside, 0.8)] }]
    const evaluation = evaluateDetections(images, 1, { scoreThreshold: 0.5 })
    // Without the region the detection inside it would rank first as a false positive (AP ½); ignored, the person is
    // found first (AP 1) and only the detection outside the region is false.
    expect(evaluation.perClass[0]).toMatchObject({ truthBoxes: 1, ap50: 1, precision: 0.5, recall: 1 })
    expect(evaluation.images[0]).toMatchObject({ misses: 0, falsePositives: 1 })
  })

  it('still calls a detection of another class inside the region false, and a crowd-only class has nothing to find', () => {
    const region = crowd(0.5, 0.5, 0.45, 0.45, 1)
    const images = [{ truth: [box(0.05, 0.05, 0.2, 0.2, 0), region], detections: [{ ...detected(box(0.6, 0.6, 0.1, 0.1, 0), 0.9) }] }]
    const evaluation = evaluateDetections(images, 2, { scoreThreshold: 0.5 })
    expect(evaluation.perClass[0]).toMatchObject({ truthBoxes: 1, ap50: 0, precision: 0 })
    expect(evaluation.perClass[1]).toMatchObject({ truthBoxes: 0, ap50: null })
    expect(evaluation.images[0]).toMatchObject({ misses: 1, falsePositives: 1 })
  })

  it('teaches no hill for a crowd region and leaves its class\'s heat map untaught inside it, not outside', () => {
    const grid = 8
    const targets = cellTargets([box(0, 0, 0.25, 0.25), crowd(0.5, 0.5, 0.5, 0.5)], 2, grid, grid)
    expect(targets.boxes).toBe(1)
    const at = (row: number, column: number, classIndex: number) => (row * grid + column) * 2 + classIndex
    expect(targets.heat[at(6, 6, 0)]).toBe(0)
    expect(targets.ignore?.[at(6, 6, 0)]).toBe(1)
    expect(targets.ignore?.[at(6, 6, 1)]).toBe(0)
    expect(targets.ignore?.[at(1, 1, 0)]).toBe(0)
    expect(targets.ignore?.[at(3, 3, 0)]).toBe(0)
    expect(cellTargets([box(0, 0, 0.25, 0.25)], 2, grid, grid).ignore).toBeNull()

    // The loss is the same whatever the head says inside the region, and changes outside it.
    const outputs = 2 + 4
    const out = new Float32Array(grid * grid * outputs)
    const loss = () => pictureLoss(out, 0, targets, 2, Float32Array.of(1, 1), targets.boxes, null)
    const before = loss()
    out[(6 * grid + 6) * outputs] = 5
    expect(loss()).toBe(before)
    out[(3 * grid + 6) * outputs] = 5
    expect(loss()).toBeGreaterThan(before)
  })

  it('keeps whatever shows of a crowd region in a zoomed view, however little', () => {
    const random = new Random(3)
    const view = zoomedView([crowd(0, 0, 1, 1), box(0.9, 0.9, 0.1, 0.1)], { width: 200, height: 200 }, random)
    expect(view.boxes.filter((kept) => kept.crowd)).toHaveLength(1)
    const region = view.boxes.find((kept) => kept.crowd)!
    expect(region.x).toBeCloseTo(0, 12)
    expect(region.width).toBeCloseTo(1, 12)
  })
})
