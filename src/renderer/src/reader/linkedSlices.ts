import type { DicomStack } from '../../../shared/api/schemas'

/**
 * How one viewport follows the other: by position when both stacks lie in one frame of reference and every slice
 * has a location (or the person says two frames of reference line up), otherwise by the same fraction of the stack.
 */
export type LinkMode = 'position' | 'fraction'

/** Whether two stacks can be linked by position; `forced`: the person says their frames of reference line up. */
export function linkModeOf(leader: DicomStack, follower: DicomStack, forced = false): LinkMode {
  if (!canLinkByPosition(leader, follower)) return 'fraction'
  if (forced) return 'position'
  const frame = leader.frameOfReferenceUid
  return frame !== null && frame === follower.frameOfReferenceUid ? 'position' : 'fraction'
}

/** Both stacks locate every slice, so they could be linked by position if their frames of reference line up. */
export function canLinkByPosition(leader: DicomStack, follower: DicomStack): boolean {
  return hasLocations(leader) && hasLocations(follower)
}

function hasLocations(stack: DicomStack): boolean {
  return stack.slices.every((slice) => slice.location !== null)
}

/** The follower's slice for the leader's slice at `index`: nearest in location, or at the same fraction. */
export function linkedIndex(leader: DicomStack, index: number, follower: DicomStack, mode: LinkMode): number {
  const last = follower.slices.length - 1
  if (mode === 'position') {
    const location = leader.slices[index]?.location
    if (location !== null && location !== undefined) return nearestLocation(follower, location)
  }
  const leaderLast = leader.slices.length - 1
  if (leaderLast === 0) return 0
  return Math.round((index / leaderLast) * last)
}

function nearestLocation(stack: DicomStack, location: number): number {
  let best = 0
  let bestDistance = Number.POSITIVE_INFINITY
  stack.slices.forEach((slice, index) => {
    const distance = Math.abs((slice.location ?? Number.NaN) - location)
    if (distance < bestDistance) {
      best = index
      bestDistance = distance
    }
  })
  return best
}
