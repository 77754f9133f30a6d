import { describe, expect, it } from 'vitest'
import type { LabelledBox } from '../../../../src/main/engines/detection/boxes'
import type { DetectionMaps } from '../../../../src/main/engines/detection/features'
import { evaluateDetections } from '../../../../src/main/engines/detection/metrics'
import { DEFAULT_DETECTOR_CONFIG, detectWithHead, MIN_EVALUATION_SCORE, trainDetector, type DetectorEpochReport, type DetectorSample } from '../../../../src/main/engines/detection/train'
import { Random } from '../../../../src/main/engines/learning/random'
import { jsProducts } from '../../../../src/main/engines/learning/trainer'

/**
 * A seed ensemble trained on small synthetic maps (a box's class written into the channels under it): members one
 * after another with their epochs numbered on, merged into one wider head, and Stop keeping what was trained so far.
 */

const shape = { gridHeight: 6, gridWidth: 6, fineChannels: 4, coarseChannels: 3, globalChannels: 2 }
const CLASSES = 2
const HIDDEN = 6

function sample(random: Random): DetectorSample {
  const classIndex = random.next() < 0.5 ? 0 : 1
  const box: LabelledBox = { classIndex, x: random.next() * 0.5, y: random.next() * 0.5, width: 0.3 + random.next() * 0.2, height: 0.3 + random.next() * 0.2 }
  const fine = Float32Array.from({ length: 36 * shape.fineChannels }, () => random.next() * 0.2)
  for (let row = 0; row < 6; row++) {
    for (let column = 0; column < 6; column++) {
      const x = (column + 0.5) / 6
      const y = (row + 0.5) / 6
      if (x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height) fine[(row * 6 + column) * shape.fineChannels + classIndex] = 1
    }
  }
  const maps: DetectionMaps = {
    fine,
    coarse: Float32Array.from({ length: 9 * shape.coarseChannels }, () => random.next()),
    global: Float32Array.from({ length: shape.globalChannels }, () => random.next()),
  }
  return { maps, boxes: [box] }
}

const random = new Random(3)
const train = Array.from({ length: 24 }, () => sample(random))
const validation = Array.from({ length: 8 }, () => sample(random))
const config = { ...DEFAULT_DETECTOR_CONFIG, hidden: HIDDEN, dropout: 0, learningRate: 0.01, maxEpochs: 3, patience: 3 }

function run(members: number, cancelWhen?: (epochs: readonly DetectorEpochReport[]) => boolean) {
  const epochs: DetectorEpochReport[] = []
  const outcome = trainDetector({ shape, classes: CLASSES, train, validation, config: { ...config, members } }, jsProducts, {
    onEpoch: (epoch) => epochs.push(epoch),
    cancelled: () => cancelWhen?.(epochs) ?? false,
  })
  return { outcome, epochs }
}

describe('a seed ensemble of detection heads', () => {
  it('trains its members one after another, numbering epochs over the run, and merges them into one wider head', () => {
    const { outcome, epochs } = run(3)
    expect(outcome.members).toBe(3)
    expect(outcome.head.hidden).toBe(3 * HIDDEN)
    expect(epochs.map((epoch) => epoch.member)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3])
    expect(epochs.map((epoch) => epoch.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(outcome.epochs).toEqual(epochs)
    expect(outcome.stoppedBy).toBe('max-epochs')
    // The run's evaluation is the merged head's.
    const found = detectWithHead(outcome.head, validation.map((picture) => picture.maps), MIN_EVALUATION_SCORE, jsProducts)
    expect(found).toEqual(outcome.validationDetections)
    const evaluation = evaluateDetections(validation.map((picture, index) => ({ truth: picture.boxes, detections: found[index]! })), CLASSES, { scoreThreshold: config.scoreThreshold })
    expect(outcome.evaluation).toEqual(evaluation)

    // Its first member is the head one member of the same seed gives.
    const single = run(1).outcome
    expect(single.head.hidden).toBe(HIDDEN)
    expect(single.epochs).toEqual(epochs.slice(0, 3).map((epoch) => ({ ...epoch, elapsed: expect.any(Number) })))
  })

  it('keeps the members finished and the running one\'s best epoch when stopped', () => {
    const stopped = run(3, (epochs) => epochs.length === 4)
    expect(stopped.outcome.stoppedBy).toBe('cancelled')
    expect(stopped.outcome.members).toBe(2)
    expect(stopped.outcome.head.hidden).toBe(2 * HIDDEN)
    expect(stopped.epochs.map((epoch) => epoch.member)).toEqual([1, 1, 1, 2])

    // Stopped before the second member ended an epoch: the first member alone.
    const early = run(3, (epochs) => epochs.length === 3)
    expect(early.outcome.members).toBe(1)
    expect(early.outcome.head.hidden).toBe(HIDDEN)
    expect(early.outcome.bestEpoch).toBeGreaterThan(0)

    const none = run(2, () => true)
    expect(none.outcome).toMatchObject({ members: 0, bestEpoch: 0, stoppedBy: 'cancelled', epochs: [] })
  })
})
