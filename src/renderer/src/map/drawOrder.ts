import { mulberry32 } from '../../../shared/random/mulberry32'

/**
 * The order the map's points are uploaded to the GPU in: a seeded shuffle, so that drawing only the first m of them
 * (while the view moves on a slow GPU) draws a uniform sample of the whole map, in which every cluster keeps its shape
 * and its density relative to the others. The seed is fixed, so the same map always thins to the same points and a
 * pan does not make points flicker in and out.
 */
export interface DrawOrder {
  /** The point drawn in each slot: slot → point index. */
  pointAt: Uint32Array
  /** Where each point is drawn: point index → slot. */
  slotOf: Uint32Array
}

const SHUFFLE_SEED = 0x6d61_7031

/** A Fisher–Yates shuffle of 0..count-1 driven by a small seeded generator (mulberry32), and its inverse. */
export function shuffledDrawOrder(count: number, seed = SHUFFLE_SEED): DrawOrder {
  const pointAt = new Uint32Array(count)
  for (let i = 0; i < count; i++) pointAt[i] = i
  const next = mulberry32(seed)
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    const swap = pointAt[i]!
    pointAt[i] = pointAt[j]!
    pointAt[j] = swap
  }
  const slotOf = new Uint32Array(count)
  for (let slot = 0; slot < count; slot++) slotOf[pointAt[slot]!] = slot
  return { pointAt, slotOf }
}

/** Per-point values (`stride` of them a point, in point order) rearranged into slot order, for the GPU. */
export function inDrawOrder<T extends Float32Array | Uint8Array>(values: T, order: DrawOrder, stride: number): T {
  const arranged = new (values.constructor as { new (length: number): T })(values.length)
  const { pointAt } = order
  for (let slot = 0; slot < pointAt.length; slot++) {
    const from = pointAt[slot]! * stride
    for (let k = 0; k < stride; k++) arranged[slot * stride + k] = values[from + k]!
  }
  return arranged
}

/** The slots of the given points, ascending: the selection's own draw pass, whose tail past m is what a thinned frame still owes. */
export function slotsOf(points: readonly number[], order: DrawOrder) {
  const slots = Uint32Array.from(points, (point) => order.slotOf[point]!)
  slots.sort()
  return slots
}

/** How many of the ascending `slots` are below `drawn`: those were drawn with the first `drawn` slots already. */
export function countBelow(slots: Uint32Array, drawn: number): number {
  let low = 0
  let high = slots.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (slots[middle]! < drawn) low = middle + 1
    else high = middle
  }
  return low
}
