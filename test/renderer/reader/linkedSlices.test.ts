import { describe, expect, it } from 'vitest'
import { canLinkByPosition, linkedIndex, linkModeOf } from '../../../src/renderer/src/reader/linkedSlices'
import type { DicomStack } from '../../../src/shared/api/schemas'

function stack(locations: (number | null)[], frameOfReferenceUid: string | null, firstId = 1): DicomStack {
  return {
    imageId: firstId,
    index: 0,
    seriesUid: `series-${firstId}`,
    seriesNumber: 1,
    seriesDescription: null,
    modality: 'CT',
    patient: { id: 'P', name: null },
    study: { uid: null, date: null, description: null },
    frameOfReferenceUid,
    order: 'position',
    normal: [0, 0, 1],
    framesPerSecond: null,
    slices: locations.map((location, index) => ({ imageId: firstId + index, frame: 0, instanceNumber: index + 1, location })),
  }
}

describe('linked scrolling', () => {
  it('links by position within one frame of reference, to the nearest slice', () => {
    const thin = stack([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'frame-1')
    const thick = stack([0, 5, 10], 'frame-1', 100)
    expect(linkModeOf(thin, thick)).toBe('position')
    expect(linkedIndex(thin, 2, thick, 'position')).toBe(0)
    expect(linkedIndex(thin, 3, thick, 'position')).toBe(1)
    expect(linkedIndex(thick, 2, thin, 'position')).toBe(10)
  })

  it('links by the same fraction of the stack across frames of reference or without locations', () => {
    const a = stack([0, 1, 2, 3, 4], 'frame-1')
    const b = stack([100, 110, 120], 'frame-2', 100)
    const unlocated = stack([null, null, null], 'frame-1', 200)
    expect(linkModeOf(a, b)).toBe('fraction')
    expect(linkModeOf(a, unlocated)).toBe('fraction')
    expect(linkModeOf(a, stack([0, 1], null, 300))).toBe('fraction')
    expect(linkedIndex(a, 4, b, 'fraction')).toBe(2)
    expect(linkedIndex(a, 2, b, 'fraction')).toBe(1)
    expect(linkedIndex(a, 0, b, 'fraction')).toBe(0)
    expect(linkedIndex(stack([0], null), 0, b, 'fraction')).toBe(0)
  })

  it('links two located series in different frames of reference by position when the person says so', () => {
    const a = stack([0, 1, 2, 3, 4], 'frame-1')
    const b = stack([4, 3, 2], 'frame-2', 100)
    expect(canLinkByPosition(a, b)).toBe(true)
    expect(linkModeOf(a, b, true)).toBe('position')
    expect(linkedIndex(a, 3, b, 'position')).toBe(1)
    // Without locations there is nothing to line up.
    const unlocated = stack([null, null], 'frame-2', 200)
    expect(canLinkByPosition(a, unlocated)).toBe(false)
    expect(linkModeOf(a, unlocated, true)).toBe('fraction')
  })
})
