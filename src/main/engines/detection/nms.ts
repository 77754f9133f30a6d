/**
 * Non-maximum suppression: a detector proposes many overlapping boxes around one object; keep the most confident
 * and drop those that mostly cover it. Plain arithmetic, so the training worker and the services' side share it.
 */

import type { DetectedBox } from './boxes'

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
  const { iouThreshold } = options
  const order = boxes.map((box, index) => {
    if (!Number.isFinite(box.score)) throw new RangeError(`box ${index} has no finite score (${box.score})`)
    return index
  })
  // Array.prototype.sort is stable, so equal scores keep their input order.
  order.sort((a, b) => boxes[b]!.score - boxes[a]!.score)

  // The candidates' edges and areas in flat arrays, read once: the inner loop then costs the same whatever shape the
  // caller's objects have (spread-built objects made the same loop over ten times slower when reading their fields).
  const edges = Array.from({ length: 4 }, () => new Float64Array(order.length))
  const [left, top, right, bottom] = edges as [Float64Array, Float64Array, Float64Array, Float64Array]
  const area = new Float64Array(order.length)
  order.forEach((index, rank) => {
    const { x, y, width, height } = boxes[index]!
    left[rank] = x
    top[rank] = y
    right[rank] = x + width
    bottom[rank] = y + height
    area[rank] = width * height
  })
  // The same operations as `iou` in boxes.ts, so a pair exactly at the threshold is judged as everywhere else.
  const overlapsTooMuch = (a: number, b: number): boolean => {
    const overlap = Math.max(0, Math.min(right[a]!, right[b]!) - Math.max(left[a]!, left[b]!)) * Math.max(0, Math.min(bottom[a]!, bottom[b]!) - Math.max(top[a]!, top[b]!))
    const union = area[a]! + area[b]! - overlap
    return union > 0 && overlap / union > iouThreshold
  }

  const kept: DetectedBox[] = []
  // Ranks of the kept boxes by the group that may suppress a candidate: its class, or one group for all.
  const keptByGroup = new Map<number, number[]>()
  for (let rank = 0; rank < order.length && kept.length < options.maxBoxes; rank++) {
    const box = boxes[order[rank]!]!
    const group = options.perClass ? box.classIndex : 0
    let rivals = keptByGroup.get(group)
    if (!rivals) keptByGroup.set(group, (rivals = []))
    let suppressed = false
    for (let r = 0; r < rivals.length && !suppressed; r++) suppressed = overlapsTooMuch(rivals[r]!, rank)
    if (suppressed) continue
    rivals.push(rank)
    kept.push(box)
  }
  return kept
}

function checkOptions({ iouThreshold, maxBoxes }: SuppressionOptions): void {
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) throw new RangeError(`the IoU threshold must be between 0 and 1, not ${iouThreshold}`)
  if (!Number.isInteger(maxBoxes) || maxBoxes < 0) throw new RangeError(`the most boxes to keep must be a whole number ≥ 0, not ${maxBoxes}`)
}
