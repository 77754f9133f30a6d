import { describe, expect, it } from 'vitest'
import { fitTransform, panBy, toMap, toScreen, zoomAbout } from '../../../src/renderer/src/map/viewTransform'

describe('the map view transform', () => {
  it('fits the unit square, centred, inside the canvas', () => {
    const view = fitTransform(800, 600)
    const [left, top] = toScreen(view, 0, 0)
    const [right, bottom] = toScreen(view, 1, 1)
    expect((left + right) / 2).toBeCloseTo(400)
    expect((top + bottom) / 2).toBeCloseTo(300)
    expect(bottom - top).toBeLessThan(600)
    expect(right - left).toBeCloseTo(bottom - top)
  })

  it('maps screen to map and back', () => {
    const view = { scale: 250, offsetX: 13, offsetY: -40 }
    const [x, y] = toMap(view, ...toScreen(view, 0.37, 0.81))
    expect(x).toBeCloseTo(0.37, 12)
    expect(y).toBeCloseTo(0.81, 12)
  })

  it('zooms about the cursor: the map point under it stays under it', () => {
    const view = fitTransform(800, 600)
    const before = toMap(view, 123, 456)
    const zoomed = zoomAbout(view, 3, 123, 456, view.scale)
    expect(zoomed.scale).toBeCloseTo(view.scale * 3)
    const after = toMap(zoomed, 123, 456)
    expect(after[0]).toBeCloseTo(before[0], 12)
    expect(after[1]).toBeCloseTo(before[1], 12)
  })

  it('keeps the zoom within its limits, still about the cursor', () => {
    const view = fitTransform(800, 600)
    const far = zoomAbout(view, 1e9, 200, 100, view.scale)
    expect(far.scale).toBeCloseTo(view.scale * 1000)
    expect(toMap(far, 200, 100)[0]).toBeCloseTo(toMap(view, 200, 100)[0], 9)
    expect(zoomAbout(view, 1e-9, 200, 100, view.scale).scale).toBeCloseTo(view.scale * 0.1)
  })

  it('pans by the distance dragged', () => {
    const view = { scale: 100, offsetX: 10, offsetY: 20 }
    const [x, y] = toScreen(panBy(view, 5, -7), 0.5, 0.5)
    expect([x, y]).toEqual([65, 63])
  })
})
