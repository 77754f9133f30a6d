import { describe, expect, it } from 'vitest'
import { boxOf, regionOf, type Drag } from '../../../src/renderer/src/search/region'

/** A 1600 × 1200 image shown at 800 × 600. */
const drag = (x0: number, y0: number, x1: number, y1: number): Drag => ({
  x0,
  y0,
  x1,
  y1,
  shown: { width: 800, height: 600 },
  full: { width: 1600, height: 1200 },
})

describe('a region dragged on the shown image', () => {
  it('spans the same rectangle whichever way it was dragged', () => {
    expect(boxOf(drag(100, 50, 10, 200))).toEqual({ left: 10, top: 50, width: 90, height: 150 })
  })

  it('is scaled to image pixels', () => {
    expect(regionOf(drag(10, 20, 110, 70))).toEqual({ x: 20, y: 40, width: 200, height: 100 })
  })

  it('stays within the image and is at least a pixel across', () => {
    expect(regionOf(drag(790, 590, 800, 600))).toEqual({ x: 1580, y: 1180, width: 20, height: 20 })
    expect(regionOf(drag(5, 5, 5.1, 5.1))).toEqual({ x: 10, y: 10, width: 1, height: 1 })
  })
})
