import { describe, expect, it } from 'vitest'
import { Viewport } from '../../../src/renderer/src/annotate/Viewport'

/** A viewport sized like a canvas of 532 × 532 CSS pixels showing a 1000 × 500 image. */
function fitted(): Viewport {
  const viewport = new Viewport()
  viewport.resize(532, 532)
  viewport.showImage(1000, 500)
  return viewport
}

describe('Viewport', () => {
  it('starts a new image fitted, and stays fitted as the canvas resizes', () => {
    const viewport = fitted()
    expect(viewport.current()).toEqual({ scale: 0.5, x: 16, y: 141 })
    viewport.resize(1032, 532)
    expect(viewport.current()).toEqual({ scale: 1, x: 16, y: 16 })
  })

  it('keeps a zoom the person chose when the canvas resizes', () => {
    const viewport = fitted()
    viewport.zoomIn()
    const zoomed = viewport.current().scale
    viewport.resize(600, 600)
    expect(viewport.current().scale).toBe(zoomed)
  })

  it('zooms in and out by the same step, and back to fit', () => {
    const viewport = fitted()
    viewport.zoomIn()
    expect(viewport.current().scale).toBeCloseTo(0.625)
    viewport.zoomOut()
    expect(viewport.current().scale).toBeCloseTo(0.5)
    viewport.actualPixels()
    expect(viewport.current().scale).toBe(1)
    viewport.fit()
    expect(viewport.current()).toEqual({ scale: 0.5, x: 16, y: 141 })
  })

  it('pans, but never so far that the image is lost', () => {
    const viewport = fitted()
    viewport.panBy(30, -20)
    expect(viewport.current()).toEqual({ scale: 0.5, x: 46, y: 121 })
    viewport.panBy(-100_000, 0)
    // 48 px of the 500 px wide image stay on screen.
    expect(viewport.current().x).toBe(48 - 500)
  })

  it('brings a box into view only when none of it is on screen', () => {
    const viewport = fitted()
    viewport.actualPixels()
    const before = viewport.current()
    viewport.reveal({ x: 500, y: 250, width: 10, height: 10 })
    expect(viewport.current()).toEqual(before)
    viewport.reveal({ x: 0, y: 0, width: 10, height: 10 })
    expect(viewport.current()).toEqual({ scale: 1, x: 261, y: 261 })
  })

  it('tells a Space tap from Space held to pan', () => {
    const viewport = new Viewport()
    viewport.pressSpace()
    expect(viewport.spaceHeld).toBe(true)
    expect(viewport.releaseSpace()).toEqual({ wasHeld: true, usedToPan: false })
    expect(viewport.spaceHeld).toBe(false)

    viewport.pressSpace()
    viewport.panStarted()
    expect(viewport.releaseSpace()).toEqual({ wasHeld: true, usedToPan: true })
    // A pan without Space (a middle drag) says nothing about the next Space press.
    viewport.panStarted()
    expect(viewport.releaseSpace()).toEqual({ wasHeld: false, usedToPan: false })
  })
})
