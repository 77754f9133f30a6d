import { describe, expect, it } from 'vitest'
import {
  actualPixelsView,
  fitView,
  isOnScreen,
  keepInReach,
  MAX_SCALE,
  revealView,
  toImage,
  toScreen,
  zoomAt,
} from '../../../src/renderer/src/annotate/view'

describe('the canvas view', () => {
  it('maps image points to the screen and back', () => {
    const view = { scale: 2, x: 10, y: -5 }
    expect(toScreen(view, { x: 3, y: 4 })).toEqual({ x: 16, y: 3 })
    expect(toImage(view, { x: 16, y: 3 })).toEqual({ x: 3, y: 4 })
  })

  it('fits the whole image, centred, within a padding; a tiny image is enlarged but not past the maximum', () => {
    // 1000 × 500 on a 532 × 532 stage: 500 px across once 16 px of padding is kept each side.
    expect(fitView(1000, 500, 532, 532)).toEqual({ scale: 0.5, x: 16, y: 141 })
    expect(fitView(4, 4, 1000, 1000).scale).toBe(MAX_SCALE)
  })

  it('zooms around the anchor: the image point under it stays put', () => {
    const view = { scale: 1, x: 0, y: 0 }
    const anchor = { x: 100, y: 50 }
    const zoomed = zoomAt(view, 2, anchor, { min: 0.1, max: 10 })
    expect(zoomed.scale).toBe(2)
    expect(toImage(zoomed, anchor)).toEqual(toImage(view, anchor))
    expect(zoomAt(view, 100, anchor, { min: 0.1, max: 10 }).scale).toBe(10)
  })

  it('goes to 1:1 around the middle of the stage', () => {
    const view = { scale: 4, x: -100, y: -100 }
    const middle = { x: 200, y: 100 }
    const actual = actualPixelsView(view, 400, 200)
    expect(actual.scale).toBe(1)
    expect(toImage(actual, middle)).toEqual(toImage(view, middle))
  })

  it('keeps a strip of the image on screen however far it is panned', () => {
    // A 100 × 100 image at 1:1 on a 400 × 300 stage keeps 48 px in view on each side.
    expect(keepInReach({ scale: 1, x: -1000, y: 5000 }, 100, 100, 400, 300)).toEqual({ scale: 1, x: -52, y: 252 })
    expect(keepInReach({ scale: 1, x: 10, y: 20 }, 100, 100, 400, 300)).toEqual({ scale: 1, x: 10, y: 20 })
  })

  it('centres a box to reveal it, zooming out only when it would not fit', () => {
    const view = { scale: 2, x: 0, y: 0 }
    expect(revealView(view, { x: 100, y: 100, width: 10, height: 10 }, 400, 400)).toEqual({ scale: 2, x: -10, y: -10 })
    expect(revealView(view, { x: 0, y: 0, width: 736, height: 368 }, 400, 400).scale).toBe(0.5)
  })

  it('tells whether any of a box is on screen', () => {
    const view = { scale: 1, x: 0, y: 0 }
    expect(isOnScreen(view, { x: 390, y: 10, width: 20, height: 20 }, 400, 300)).toBe(true)
    expect(isOnScreen(view, { x: 400, y: 10, width: 20, height: 20 }, 400, 300)).toBe(false)
    expect(isOnScreen(view, { x: -20, y: -20, width: 20, height: 20 }, 400, 300)).toBe(false)
  })
})
