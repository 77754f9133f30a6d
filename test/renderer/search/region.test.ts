import { describe, expect, it } from 'vitest'
import { boxOf, regionOf, regionOfRect, type Drag } from '../../../src/renderer/src/search/region'

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

describe('a small image zoomed up to fill the picker', () => {
  /** A 200 × 200 NEU image shown at 640 × 640. */
  const zoomed = (x0: number, y0: number, x1: number, y1: number): Drag => ({
    x0,
    y0,
    x1,
    y1,
    shown: { width: 640, height: 640 },
    full: { width: 200, height: 200 },
  })

  it('maps the drag back down to image pixels', () => {
    expect(regionOf(zoomed(64, 128, 320, 640))).toEqual({ x: 20, y: 40, width: 80, height: 160 })
  })

  it('never reaches past the image edge', () => {
    expect(regionOf(zoomed(600, 600, 640, 640))).toEqual({ x: 188, y: 188, width: 12, height: 12 })
  })
})

describe('an annotation box offered as a region', () => {
  const full = { width: 200, height: 200 }

  it('is taken in whole image pixels', () => {
    expect(regionOfRect({ x: 10.4, y: 20.6, width: 50.2, height: 30 }, full)).toEqual({ x: 10, y: 21, width: 51, height: 30 })
  })

  it('is cut to the part inside the image', () => {
    expect(regionOfRect({ x: -5, y: 150, width: 40, height: 80 }, full)).toEqual({ x: 0, y: 150, width: 35, height: 50 })
  })

  it('is at least a pixel across, even at the edge', () => {
    expect(regionOfRect({ x: 200, y: 199.8, width: 0.2, height: 0.2 }, full)).toEqual({ x: 199, y: 199, width: 1, height: 1 })
  })
})
