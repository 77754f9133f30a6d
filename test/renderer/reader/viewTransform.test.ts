import { describe, expect, it } from 'vitest'
import { fitTransform, MAX_SCALE, MIN_SCALE, toImagePoint, wheelZoomFactor, zoomAbout } from '../../../src/renderer/src/reader/viewTransform'

describe('the reader’s zoom', () => {
  it('fits the slice, centred', () => {
    expect(fitTransform({ width: 800, height: 400 }, { width: 200, height: 200 })).toEqual({ scale: 2, offsetX: 200, offsetY: 0 })
  })

  it('keeps the image point under the cursor in place', () => {
    const view = { scale: 2, offsetX: 10, offsetY: 20 }
    const at = { x: 110, y: 220 }
    const zoomed = zoomAbout(view, at, 1.5)
    expect(zoomed.scale).toBe(3)
    expect(toImagePoint(zoomed, at)).toEqual(toImagePoint(view, at))
  })

  it('never zooms more than twice in one step, nor past 5% or 1600%', () => {
    const view = { scale: 1, offsetX: 0, offsetY: 0 }
    expect(zoomAbout(view, { x: 0, y: 0 }, wheelZoomFactor(-5000)).scale).toBe(2)
    expect(zoomAbout({ ...view, scale: 12 }, { x: 0, y: 0 }, 2).scale).toBe(MAX_SCALE)
    expect(zoomAbout({ ...view, scale: 0.06 }, { x: 0, y: 0 }, 0.5).scale).toBe(MIN_SCALE)
    const notch = wheelZoomFactor(100)
    expect(notch).toBeLessThan(1)
    expect(notch).toBeGreaterThan(0.8)
  })
})
