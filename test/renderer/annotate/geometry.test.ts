import { describe, expect, it } from 'vitest'
import {
  boxAt,
  clipToImage,
  contains,
  handleAt,
  handlePoint,
  moveWithin,
  rectFromPoints,
  resizeTo,
  sameRect,
  snapToPixels,
} from '../../../src/renderer/src/annotate/geometry'

describe('box geometry', () => {
  it('makes the same rectangle whichever corner the drag started from', () => {
    const expected = { x: 10, y: 20, width: 30, height: 40 }
    expect(rectFromPoints({ x: 10, y: 20 }, { x: 40, y: 60 })).toEqual(expected)
    expect(rectFromPoints({ x: 40, y: 60 }, { x: 10, y: 20 })).toEqual(expected)
    expect(rectFromPoints({ x: 10, y: 60 }, { x: 40, y: 20 })).toEqual(expected)
  })

  it('clips a box to the image, and drops one with less than 2 × 2 pixels inside', () => {
    expect(clipToImage({ x: -10, y: 90, width: 50, height: 30 }, 100, 100)).toEqual({ x: 0, y: 90, width: 40, height: 10 })
    expect(clipToImage({ x: 99, y: 10, width: 20, height: 20 }, 100, 100)).toBeNull()
    expect(clipToImage({ x: 10, y: 10, width: 1.5, height: 20 }, 100, 100)).toBeNull()
  })

  it('snaps edges, not sizes, to whole pixels', () => {
    // The right edge 10.4 + 2.4 = 12.8 rounds to 13: the width follows from the edges.
    expect(snapToPixels({ x: 10.4, y: 5.6, width: 2.4, height: 3.3 })).toEqual({ x: 10, y: 6, width: 3, height: 3 })
  })

  it('moves a box within the image, sliding along an edge it is dragged against', () => {
    const box = { x: 10, y: 10, width: 20, height: 20 }
    expect(moveWithin(box, 5, -3, 100, 100)).toEqual({ x: 15, y: 7, width: 20, height: 20 })
    expect(moveWithin(box, -50, 200, 100, 100)).toEqual({ x: 0, y: 80, width: 20, height: 20 })
    // A box larger than the image stays at its top-left corner.
    expect(moveWithin({ x: 0, y: 0, width: 150, height: 20 }, 10, 0, 100, 100)).toEqual({ x: 0, y: 0, width: 150, height: 20 })
  })

  it('resizes by the edges a handle holds, flipping past the opposite edge and stopping at the image', () => {
    const box = { x: 10, y: 10, width: 20, height: 20 }
    expect(resizeTo(box, 'se', { x: 50, y: 40 }, 100, 100)).toEqual({ x: 10, y: 10, width: 40, height: 30 })
    expect(resizeTo(box, 'e', { x: 50, y: 99 }, 100, 100)).toEqual({ x: 10, y: 10, width: 40, height: 20 })
    expect(resizeTo(box, 'w', { x: 40, y: 0 }, 100, 100)).toEqual({ x: 30, y: 10, width: 10, height: 20 })
    expect(resizeTo(box, 'nw', { x: -20, y: -20 }, 100, 100)).toEqual({ x: 0, y: 0, width: 30, height: 30 })
  })

  it('places handles on the corners and edge midpoints', () => {
    const box = { x: 0, y: 0, width: 10, height: 20 }
    expect(handlePoint(box, 'nw')).toEqual({ x: 0, y: 0 })
    expect(handlePoint(box, 'e')).toEqual({ x: 10, y: 10 })
    expect(handlePoint(box, 's')).toEqual({ x: 5, y: 20 })
  })

  it('finds the handle under the pointer, preferring a corner where it overlaps an edge midpoint', () => {
    const box = { x: 0, y: 0, width: 4, height: 4 }
    expect(handleAt(box, { x: 0.5, y: 0.5 }, 3)).toBe('nw')
    expect(handleAt({ x: 0, y: 0, width: 100, height: 100 }, { x: 51, y: 99 }, 3)).toBe('s')
    expect(handleAt({ x: 0, y: 0, width: 100, height: 100 }, { x: 50, y: 50 }, 3)).toBeNull()
  })

  it('picks the smallest box under the pointer, so one inside another can be reached', () => {
    const big = { id: 1, x: 0, y: 0, width: 100, height: 100 }
    const small = { id: 2, x: 40, y: 40, width: 10, height: 10 }
    expect(boxAt([big, small], { x: 45, y: 45 })?.id).toBe(2)
    expect(boxAt([big, small], { x: 5, y: 5 })?.id).toBe(1)
    expect(boxAt([big, small], { x: 102, y: 50 })).toBeUndefined()
    expect(boxAt([big, small], { x: 102, y: 50 }, 3)?.id).toBe(1)
  })

  it('tells points inside (edges included) and equal rectangles', () => {
    expect(contains({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 10 })).toBe(true)
    expect(contains({ x: 0, y: 0, width: 10, height: 10 }, { x: 11, y: 5 })).toBe(false)
    expect(sameRect({ x: 1, y: 2, width: 3, height: 4 }, { x: 1, y: 2, width: 3, height: 4 })).toBe(true)
    expect(sameRect({ x: 1, y: 2, width: 3, height: 4 }, { x: 1, y: 2, width: 3, height: 5 })).toBe(false)
  })
})
