import { describe, expect, it } from 'vitest'
import { DetectorTrainRequest } from '../../../src/shared/api/schemas'
import { bestMAP50Epoch } from '../../../src/renderer/src/detector/curves'
import { DEFAULT_DETECTOR_FORM, planDetectorTraining } from '../../../src/renderer/src/detector/detectorForm'

const CLASSES = ['crazing', 'inclusion', 'scratches']

describe('training a detector, as the form asks for it', () => {
  it('starts from the service defaults and asks for every class by leaving the list out', () => {
    expect(planDetectorTraining(DEFAULT_DETECTOR_FORM, CLASSES)).toEqual({ ok: true, request: DetectorTrainRequest.parse({}) })
  })

  it('sends the options typed, the validation share as a fraction, and the kept classes by name', () => {
    const plan = planDetectorTraining({ ...DEFAULT_DETECTOR_FORM, maxEpochs: '12', patience: '3', validationPercent: '25', flips: false, excluded: ['inclusion'] }, CLASSES)
    expect(plan).toEqual({ ok: true, request: expect.objectContaining({ maxEpochs: 12, patience: 3, validationFraction: 0.25, flips: false, classes: ['crazing', 'scratches'] }) })
  })

  it('names the field and the limit it breaks, in a sentence', () => {
    expect(planDetectorTraining({ ...DEFAULT_DETECTOR_FORM, maxEpochs: '0' }, CLASSES)).toEqual({ ok: false, field: 'maxEpochs', problem: 'Max epochs must be at least 1.' })
    expect(planDetectorTraining({ ...DEFAULT_DETECTOR_FORM, patience: '2.5' }, CLASSES)).toEqual({ ok: false, field: 'patience', problem: 'Patience must be a whole number.' })
    expect(planDetectorTraining({ ...DEFAULT_DETECTOR_FORM, maxEpochs: ' ' }, CLASSES)).toMatchObject({ ok: false, field: 'maxEpochs' })
    expect(planDetectorTraining({ ...DEFAULT_DETECTOR_FORM, validationPercent: '80' }, CLASSES)).toEqual({
      ok: false,
      field: 'validationPercent',
      problem: 'Validation share must be at most 50%.',
    })
  })

  it('refuses to leave every class out', () => {
    expect(planDetectorTraining({ ...DEFAULT_DETECTOR_FORM, excluded: CLASSES }, CLASSES)).toEqual({ ok: false, field: null, problem: 'Keep at least one box class to train on.' })
  })
})

describe('the best epoch of a detector run', () => {
  it('is the highest validation mAP50, the first on ties, and none before the first epoch', () => {
    const epoch = (n: number, valMAP50: number) => ({ epoch: n, trainLoss: 1, valLoss: 1, valMAP50, elapsed: n })
    expect(bestMAP50Epoch([epoch(1, 0.2), epoch(2, 0.5), epoch(3, 0.5), epoch(4, 0.4)])).toBe(2)
    expect(bestMAP50Epoch([])).toBeNull()
  })
})
