import { sliceNormal, type Orientation, type Vector3 } from './geometry'

/** One image (frame) of a series, as the stack is ordered from it. */
export interface StackCandidate {
  frame: number
  instanceNumber: number | null
  position: Vector3 | null
  orientation: Orientation | null
  sliceLocation: number | null
}

export type StackOrder = 'position' | 'instance' | 'file'

export interface OrderedStack<T> {
  order: StackOrder
  /** The shared normal of the slices' orientation; null when they have none or differ. */
  normal: Vector3 | null
  /** The candidates in reading order, each with where it lies along the normal (or its SliceLocation), in mm. */
  slices: { candidate: T; location: number | null }[]
}

/** Orientations written with a few decimals differ in their last digits; more than this is another plane. */
const SAME_ORIENTATION = 1e-4

function dot(a: Vector3, b: Vector3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

function sharedOrientation(candidates: readonly StackCandidate[]): Orientation | null {
  const first = candidates[0]?.orientation
  if (!first) return null
  const same = candidates.every(
    ({ orientation }) => orientation !== null && orientation.every((value, i) => Math.abs(value - first[i]!) <= SAME_ORIENTATION),
  )
  return same ? first : null
}

/**
 * Puts a series' images in reading order: along the normal of their shared orientation when every one has a position
 * (ascending, ties by instance and frame); else by InstanceNumber, then frame, when any has an instance number; else
 * as given (the files' and frames' own order). Candidates come in file order.
 */
export function orderStack<T extends StackCandidate>(candidates: readonly T[]): OrderedStack<T> {
  const orientation = sharedOrientation(candidates)
  const normal = orientation ? sliceNormal(orientation) : null
  const located = candidates.map((candidate, fileIndex) => {
    const ownNormal = normal ?? (candidate.orientation ? sliceNormal(candidate.orientation) : null)
    const projected = candidate.position && ownNormal ? dot(candidate.position, ownNormal) : null
    return { candidate, fileIndex, location: projected ?? candidate.sliceLocation }
  })
  const byInstance = (a: (typeof located)[number], b: (typeof located)[number]) =>
    (a.candidate.instanceNumber ?? Number.POSITIVE_INFINITY) - (b.candidate.instanceNumber ?? Number.POSITIVE_INFINITY) ||
    a.candidate.frame - b.candidate.frame ||
    a.fileIndex - b.fileIndex
  let order: StackOrder = 'file'
  if (normal && candidates.every((candidate) => candidate.position !== null)) {
    order = 'position'
    located.sort((a, b) => a.location! - b.location! || byInstance(a, b))
  } else if (candidates.some((candidate) => candidate.instanceNumber !== null)) {
    order = 'instance'
    located.sort(byInstance)
  }
  return { order, normal, slices: located.map(({ candidate, location }) => ({ candidate, location })) }
}
