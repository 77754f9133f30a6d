import { describe, expect, it } from 'vitest'
import { LOSS_KINDS, type DetectorStatus, type LabelSource } from '../../../src/shared/api/schemas'
import { describeLoss } from '../../../src/main/engines/formats'
import { lossText } from '../../../src/renderer/src/exports/lossText'
import { MIN_BOXES_PER_CLASS, MIN_IMAGES_PER_CLASS, detectorProblem as serviceDetectorProblem } from '../../../src/main/features/detector/readiness'
import type { BoxClassCount } from '../../../src/main/features/detector/box-samples'
import { readiness } from '../../../src/main/features/training/readiness'
import type { Sample, SampleSet } from '../../../src/main/features/training/samples'
import { detectorProblem } from '../../../src/renderer/src/detector/detectorReadiness'
import { readinessProblem } from '../../../src/renderer/src/training/readinessProblem'

// A window says why training cannot start from the counts the services send, in its own language; the services say
// the same in English for the CLI. In English the two must read alike, word for word.

function detectorStatus(classes: BoxClassCount[]): DetectorStatus {
  const problem = serviceDetectorProblem(classes)
  return { backend: null, backbone: 'm', classes, canTrain: problem === null, problem, minimumBoxes: MIN_BOXES_PER_CLASS, minimumImages: MIN_IMAGES_PER_CLASS, active: null }
}

function samples(perClass: Record<string, number>, kind: 'images' | 'boxes'): Sample[] {
  return Object.entries(perClass).flatMap(([label, n]) =>
    Array.from({ length: n }, (_, i) => ({ imageId: i, boxId: kind === 'boxes' ? i : null, path: `/${label}/${i}.png`, contentHash: `${label}${i}`, label, crop: null })),
  )
}

function sampleSet(perClass: Record<string, number>, kind: 'images' | 'boxes', leftOut = { severalClasses: 0, mixedBoxClasses: 0 }): SampleSet {
  return { samples: samples(perClass, kind), from: { tags: 0, boxes: 0 }, ...leftOut }
}

describe('why training cannot start, said by the window', () => {
  it('reads as the detector service says it', () => {
    const cases: BoxClassCount[][] = [
      [],
      [{ label: 'crazing', boxes: 7, images: 1 }],
      [
        { label: 'crazing', boxes: 3, images: 2 },
        { label: 'patches', boxes: 9, images: 4 },
        { label: 'scratches', boxes: 6, images: 1 },
      ],
    ]
    for (const classes of cases) {
      const status = detectorStatus(classes)
      expect(detectorProblem(status)).toBe(status.problem)
    }
    expect(detectorProblem(detectorStatus([{ label: 'a', boxes: 5, images: 3 }, { label: 'b', boxes: 5, images: 3 }]))).toBeNull()
  })

  it('reads as the training service says it, for images under each label source and for box crops', () => {
    const sources: LabelSource[] = ['tags', 'boxes', 'tags-then-boxes']
    for (const kind of ['images', 'boxes'] as const) {
      for (const labels of sources) {
        for (const perClass of [{}, { cat: 6 }, { cat: 6, dog: 2, emu: 1 }] as Record<string, number>[]) {
          const judged = readiness(sampleSet(perClass, kind), kind, labels, 0)
          expect(readinessProblem(judged)).toBe(judged.problem)
        }
      }
    }
    expect(readinessProblem(readiness(sampleSet({ cat: 5, dog: 5 }, 'images'), 'images', 'tags', 0))).toBeNull()
  })

  it('says which images were left out, with each count’s own plural', () => {
    const judged = readiness(sampleSet({}, 'images', { severalClasses: 1, mixedBoxClasses: 4 }), 'images', 'tags-then-boxes', 0)
    expect(readinessProblem(judged)).toBe(
      'Nothing to train on: no images have a class yet. Tag images with one class each, or draw boxes that all share one class: at least 5 images in each ' +
        'of two or more classes. (1 image has several class tags and 4 images have boxes of different classes; they were left out.)',
    )
  })
})

describe('what an export cannot hold, said by the window', () => {
  it('reads as the export service says it, for every kind of loss, one and many', () => {
    for (const kind of LOSS_KINDS) {
      for (const count of [1, 3]) expect(lossText({ kind, count })).toBe(describeLoss({ kind, count }))
    }
  })
})
