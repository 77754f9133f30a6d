import { ApiError } from '../../../shared/api/errors'
import type { BoxClassCount } from './box-samples'

/**
 * Fewer boxes or images than these in a class and training is refused. Images are split, not boxes, so a class needs
 * images on both sides: at least two to learn from and one to validate on; and a handful of boxes, so the head sees
 * the class more than once or twice.
 */
export const MIN_BOXES_PER_CLASS = 5
export const MIN_IMAGES_PER_CLASS = 3

const counted = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`
const boxesOnImages = (entry: BoxClassCount): string => `${counted(entry.boxes, 'box', 'boxes')} on ${counted(entry.images, 'image', 'images')}`

/** Why these box classes cannot train a detector, in a sentence that says what to draw; null when they can. */
export function detectorProblem(classes: readonly BoxClassCount[]): string | null {
  const minimum = `at least ${MIN_BOXES_PER_CLASS} boxes on ${MIN_IMAGES_PER_CLASS} or more images in each of two or more classes`
  if (classes.length === 0) return `Nothing to train on: no image has a box with a class yet. Draw boxes with a class: ${minimum}.`
  if (classes.length === 1) {
    const only = classes[0]!
    return (
      `A detector needs at least two box classes; every box is "${only.label}" (${boxesOnImages(only)}). ` +
      `Draw boxes of another class too: ${minimum}.`
    )
  }
  const short = classes.filter((entry) => entry.boxes < MIN_BOXES_PER_CLASS || entry.images < MIN_IMAGES_PER_CLASS)
  if (short.length === 0) return null
  return (
    `Each box class needs at least ${MIN_BOXES_PER_CLASS} boxes on ${MIN_IMAGES_PER_CLASS} or more images, to learn from ` +
    `and to check against; too few in ${short.map((entry) => `"${entry.label}" (${boxesOnImages(entry)})`).join(', ')}. ` +
    'Draw more of them, or train on the other classes only.'
  )
}

/** The typed refusal when the boxes cannot train a detector: an ApiError 'conflict' with the counts per class. */
export function cannotTrain(problem: string, classes: readonly BoxClassCount[]): ApiError {
  return new ApiError('conflict', problem, {
    detector: 'not-enough-boxes',
    classes: classes.map((entry) => ({ ...entry })),
    minimumBoxes: MIN_BOXES_PER_CLASS,
    minimumImages: MIN_IMAGES_PER_CLASS,
  })
}
