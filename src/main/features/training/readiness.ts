import { ApiError } from '../../../shared/api/errors'
import type { LabelSource, TrainingReadiness } from '../../../shared/api/schemas'
import type { SampleKind } from './classifier-store'
import type { SampleSet } from './samples'

/** Fewer labelled samples than this in a class and training is refused: too few to learn from and to validate on. */
export const MIN_PER_CLASS = 5

export type Readiness = TrainingReadiness
type ReadinessProblem = NonNullable<TrainingReadiness['problemCode']>

/** How a person gives image samples a class under each label source, for the sentence that says what is missing. */
const HOW_TO_LABEL: Record<LabelSource, string> = {
  tags: 'Tag images with one class each (images with several classes are left out)',
  boxes: 'Draw boxes with a class; an image counts when all its boxes share one class',
  'tags-then-boxes': 'Tag images with one class each, or draw boxes that all share one class',
}

/**
 * Whether these samples can train a classifier; if not, a sentence saying what to label. The training view's warning,
 * its Start button, `training.start` and the job all ask this one function.
 */
export function readiness(set: SampleSet, kind: SampleKind, labels: LabelSource, notIndexed: number): Readiness {
  const counts: Record<string, number> = {}
  for (const sample of set.samples) counts[sample.label] = (counts[sample.label] ?? 0) + 1
  const classes = Object.keys(counts).sort()
  const what = kind === 'boxes' ? 'boxes' : 'images'
  const how = kind === 'boxes' ? 'Draw boxes with a label' : HOW_TO_LABEL[labels]
  const short = classes.filter((name) => counts[name]! < MIN_PER_CLASS)
  let code: ReadinessProblem | null = null
  let problem: string | null = null
  if (classes.length === 0) {
    code = 'no-labels'
    problem = `Nothing to train on: no ${what} have a class yet. ${how}: at least ${MIN_PER_CLASS} ${what} in each of two or more classes.`
    const left = leftOut(set)
    if (left) problem += ` (${left})`
  } else if (classes.length === 1) {
    code = 'one-class'
    problem =
      `A classifier needs at least two classes; every labelled ${kind === 'boxes' ? 'box' : 'image'} is "${classes[0]}" (${counts[classes[0]!]}). ` +
      `${how}: at least ${MIN_PER_CLASS} ${what} of another class too.`
  } else if (short.length > 0) {
    code = 'too-few'
    problem =
      `Each class needs at least ${MIN_PER_CLASS} labelled ${what} to learn from and to check against; too few in ` +
      `${short.map((name) => `"${name}" (${counts[name]})`).join(', ')}. Label more of them, or merge or remove those classes.`
  }
  return {
    ready: code === null,
    problem,
    problemCode: code,
    samples: kind,
    minimumPerClass: MIN_PER_CLASS,
    labels,
    counts,
    from: set.from,
    excluded: {
      severalClasses: set.severalClasses,
      mixedBoxClasses: set.mixedBoxClasses,
      // With one class there is nothing to train at all, so its samples are not "too few" but the whole set.
      tooFew: classes.length < 2 ? 0 : short.reduce((sum, name) => sum + counts[name]!, 0),
      notIndexed,
    },
  }
}

function leftOut(set: SampleSet): string | null {
  const parts = [
    set.severalClasses > 0 ? `${set.severalClasses} images have several class tags` : null,
    set.mixedBoxClasses > 0 ? `${set.mixedBoxClasses} images have boxes of different classes` : null,
  ].filter((part) => part !== null)
  return parts.length === 0 ? null : `${parts.join(' and ')}; they were left out.`
}

/** The typed refusal: an ApiError 'conflict' with the problem's code and the counts per class in its details. */
export function notEnoughData(check: Readiness): ApiError {
  return new ApiError('conflict', check.problem ?? 'Not enough labelled data to train.', {
    training: check.problemCode,
    counts: check.counts,
    minimumPerClass: MIN_PER_CLASS,
  })
}
