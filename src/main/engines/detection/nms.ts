/**
 * Non-maximum suppression: a detector proposes many overlapping boxes around one object; keep the most confident
 * and drop those that mostly cover it. Plain arithmetic, so the training worker and the services' side share it.
 */

import { iou, type DetectedBox } from './boxes'

export interface SuppressionOptions {
  /** A box whose IoU with an already kept box is above this is dropped; one exactly at it is kept. 0..1. */
  iouThreshold: number
  /** At most this many boxes come back, the most confident ones. */
  maxBoxes: number
  /** true: only boxes of the same class suppress each other (two defects may share a place); false: any class. */
  perClass: boolean
}

/**
 * Greedy suppression, best score first. The result is in score order, ties in input order, so the same candidates
 * always give the same boxes.
 *
 * Each candidate is compared only with the boxes kept so far (at most `maxBoxes`, and only its own class's when
 * `perClass`), not with every other candidate: a few thousand candidates cost a few thousand × `maxBoxes` IoUs.
 */
export function nonMaximumSuppression(boxes: readonly DetectedBox[], options: SuppressionOptions): DetectedBox[] {
  checkOptions(options)
  const order = boxes.map((box, index) => {
    if (!Number.isFinite(box.score)) throw new RangeError(`box ${index} has no finite score (${box.score})`)
    return index
  })
  // Array.prototype.sort is stable, so equal scores keep their input order.
  order.sort((a, b) => boxes[b]!.score - boxes[a]!.score)

  const kept: DetectedBox[] = []
  // Kept boxes by the group that may suppress a candidate: its class, or one group for all.
  const keptByGroup = new Map<number, DetectedBox[]>()
  for (const index of order) {
    if (kept.length >= options.maxBoxes) break
    const box = boxes[index]!
    const group = options.perClass ? box.classIndex : 0
    let rivals = keptByGroup.get(group)
    if (rivals?.some((rival) => iou(rival, box) > options.iouThreshold)) continue
    if (!rivals) keptByGroup.set(group, (rivals = []))
    rivals.push(box)
    kept.push(box)
  }
  return kept
}

function checkOptions({ iouThreshold, maxBoxes }: SuppressionOptions): void {
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) throw new RangeError(`the IoU threshold must be between 0 and 1, not ${iouThreshold}`)
  if (!Number.isInteger(maxBoxes) || maxBoxes < 0) throw new RangeError(`the most boxes to keep must be a whole number ≥ 0, not ${maxBoxes}`)
}
