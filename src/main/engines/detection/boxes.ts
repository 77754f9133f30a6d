/**
 * Boxes as the box detector sees them: fractions of the image's width and height, top-left origin, so a box means the
 * same whatever size the picture is decoded at. Plain data and pure functions, shared by the services' side and the
 * training worker.
 */

export interface NormalisedBox {
  /** Left edge, 0..1 of the image's width. */
  x: number
  /** Top edge, 0..1 of the image's height. */
  y: number
  width: number
  height: number
}

/**
 * A ground-truth box: its class is an index into the detector's class list. A `crowd` box is COCO's crowd region
 * (many objects of the class under one box): nothing to find one by one there, so training does not count the head
 * wrong for what it says inside it, and evaluation ignores detections that fall inside it instead of calling them false.
 */
export interface LabelledBox extends NormalisedBox {
  classIndex: number
  crowd?: boolean
}

/** A detection: a labelled box with the detector's confidence, 0..1. */
export interface DetectedBox extends LabelledBox {
  score: number
}

/** Intersection over union of two boxes; 0 when either has no area. */
export function iou(a: NormalisedBox, b: NormalisedBox): number {
  const left = Math.max(a.x, b.x)
  const top = Math.max(a.y, b.y)
  const right = Math.min(a.x + a.width, b.x + b.width)
  const bottom = Math.min(a.y + a.height, b.y + b.height)
  const overlap = Math.max(0, right - left) * Math.max(0, bottom - top)
  const union = a.width * a.height + b.width * b.height - overlap
  return union > 0 ? overlap / union : 0
}

/** The ways a picture is mirrored for augmentation; 'none' is the picture itself. */
export type Flip = 'none' | 'horizontal' | 'vertical' | 'both'

export const FLIPS: readonly Flip[] = ['none', 'horizontal', 'vertical', 'both']

/** `box` as it lies in the picture mirrored by `flip`. */
export function flipBox<T extends NormalisedBox>(box: T, flip: Flip): T {
  const horizontal = flip === 'horizontal' || flip === 'both'
  const vertical = flip === 'vertical' || flip === 'both'
  return {
    ...box,
    x: horizontal ? 1 - box.x - box.width : box.x,
    y: vertical ? 1 - box.y - box.height : box.y,
  }
}
