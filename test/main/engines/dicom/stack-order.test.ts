import { describe, expect, it } from 'vitest'
import type { Orientation, Vector3 } from '../../../../src/main/engines/dicom/geometry'
import { orderStack, type StackCandidate } from '../../../../src/main/engines/dicom/stack-order'

const AXIAL: Orientation = [1, 0, 0, 0, 1, 0]
const SAGITTAL: Orientation = [0, 1, 0, 0, 0, -1]

function slice(instanceNumber: number | null, position: Vector3 | null, orientation: Orientation | null = AXIAL): StackCandidate {
  return { frame: 0, instanceNumber, position, orientation, sliceLocation: null }
}

describe('the reading order of a series', () => {
  it('follows a sagittal series along its normal (row × column points to the patient’s right)', () => {
    const slices = [slice(1, [10, 0, 0], SAGITTAL), slice(2, [30, 0, 0], SAGITTAL), slice(3, [20, 0, 0], SAGITTAL)]
    const stack = orderStack(slices)
    expect(stack.order).toBe('position')
    expect(stack.normal).toEqual([-1, 0, 0])
    expect(stack.slices.map(({ candidate }) => candidate.instanceNumber)).toEqual([2, 3, 1])
    expect(stack.slices.map(({ location }) => location)).toEqual([-30, -20, -10])
  })

  it('falls back to instance order when one slice lacks a position or the orientations differ', () => {
    const missing = orderStack([slice(2, [0, 0, 5]), slice(1, null), slice(3, [0, 0, 1])])
    expect(missing).toMatchObject({ order: 'instance', normal: [0, 0, 1] })
    expect(missing.slices.map(({ candidate }) => candidate.instanceNumber)).toEqual([1, 2, 3])

    const mixed = orderStack([slice(2, [0, 0, 5]), slice(1, [0, 0, 9], SAGITTAL)])
    expect(mixed).toMatchObject({ order: 'instance', normal: null })
    expect(mixed.slices.map(({ location }) => location)).toEqual([0, 5])
  })

  it('keeps the given order when nothing else says one, and puts slices without an instance number last', () => {
    expect(orderStack([slice(null, null, null), slice(null, null, null)]).order).toBe('file')
    const partly = orderStack([slice(null, null, null), slice(4, null, null), slice(2, null, null)])
    expect(partly.slices.map(({ candidate }) => candidate.instanceNumber)).toEqual([2, 4, null])
  })
})
