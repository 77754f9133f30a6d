import { describe, expect, it } from 'vitest'
import type { Measurement } from '../../../../src/shared/api/schemas'
import {
  distanceToSegment,
  handlesOf,
  measurementAt,
  toImage,
  toScreen,
  translated,
  withHandleMoved,
} from '../../../../src/renderer/src/reader/measure/measureGeometry'

const zoomed = { scale: 2, offsetX: 100, offsetY: 50 }

describe('measurement geometry', () => {
  it('goes from image pixels to screen pixels and back through the viewport transform', () => {
    expect(toScreen(zoomed, { x: 10, y: 20 })).toEqual({ x: 120, y: 90 })
    expect(toImage(zoomed, { x: 120, y: 90 })).toEqual({ x: 10, y: 20 })
  })

  it('gives a region four corner handles, each dragging one coordinate of each stored corner', () => {
    const points = [
      { x: 10, y: 20 },
      { x: 50, y: 60 },
    ]
    expect(handlesOf('rectangle', points)).toEqual([
      { x: 10, y: 20 },
      { x: 50, y: 20 },
      { x: 50, y: 60 },
      { x: 10, y: 60 },
    ])
    // The top-right corner moves the second corner's x and the first corner's y.
    expect(withHandleMoved('ellipse', points, 1, { x: 70, y: 5 })).toEqual([
      { x: 10, y: 5 },
      { x: 70, y: 60 },
    ])
    expect(points[0]).toEqual({ x: 10, y: 20 })
  })

  it('moves one point of a length or an angle and leaves the others', () => {
    const angle = [
      { x: 0, y: 0 },
      { x: 10, y: 10 },
      { x: 20, y: 0 },
    ]
    expect(handlesOf('angle', angle)).toEqual(angle)
    expect(withHandleMoved('angle', angle, 1, { x: 10, y: 30 })).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 30 },
      { x: 20, y: 0 },
    ])
  })

  it('moves a whole measurement only as far as the image goes', () => {
    const points = [
      { x: 10, y: 10 },
      { x: 30, y: 20 },
    ]
    expect(translated(points, 5, -3, 100, 100)).toEqual([
      { x: 15, y: 7 },
      { x: 35, y: 17 },
    ])
    // Stops against the right and top edges, keeping its shape.
    expect(translated(points, 500, -500, 100, 100)).toEqual([
      { x: 80, y: 0 },
      { x: 100, y: 10 },
    ])
  })

  it('measures the distance to a segment, its ends included', () => {
    const segment = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
    ] as const
    expect(distanceToSegment({ x: 5, y: 3 }, segment)).toBe(3)
    expect(distanceToSegment({ x: 13, y: 4 }, segment)).toBe(5)
    expect(distanceToSegment({ x: 2, y: 2 }, [{ x: 1, y: 1 }, { x: 1, y: 1 }])).toBeCloseTo(Math.SQRT2)
  })

  describe('hit testing, in screen pixels', () => {
    const length: Measurement = { id: 1, kind: 'length', points: [{ x: 0, y: 0 }, { x: 100, y: 0 }] }
    const ellipse: Measurement = { id: 2, kind: 'ellipse', points: [{ x: 0, y: 20 }, { x: 100, y: 80 }] }
    const identity = { scale: 1, offsetX: 0, offsetY: 0 }

    it('grabs a handle near its point, a line near the line, and leaves a region’s inside free', () => {
      expect(measurementAt([length], identity, { x: 97, y: 3 }, null)).toEqual({ measurementId: 1, part: 'handle', handle: 1 })
      expect(measurementAt([length], identity, { x: 50, y: 4 }, null)).toEqual({ measurementId: 1, part: 'line' })
      expect(measurementAt([length], identity, { x: 50, y: 9 }, null)).toBeNull()
      // The ellipse's left end is at (0, 50); its centre is inside, where a press draws or windows.
      expect(measurementAt([ellipse], identity, { x: 2, y: 50 }, null)).toEqual({ measurementId: 2, part: 'line' })
      expect(measurementAt([ellipse], identity, { x: 50, y: 50 }, null)).toBeNull()
    })

    it('keeps its reach on screen whatever the zoom', () => {
      const far = { scale: 10, offsetX: 0, offsetY: 0 }
      // 0.6 image px off the line is 6 screen px at 1000%: out of reach.
      expect(measurementAt([length], far, { x: 500, y: 6 }, null)).toBeNull()
      expect(measurementAt([length], far, { x: 500, y: 4 }, null)).toEqual({ measurementId: 1, part: 'line' })
    })

    it('prefers handles over lines, and the selected measurement’s over another’s', () => {
      const crossing: Measurement = { id: 3, kind: 'length', points: [{ x: 100, y: -50 }, { x: 100, y: 50 }] }
      // (100, 0) is the length's end and a point on the crossing line: the handle wins.
      expect(measurementAt([crossing, length], identity, { x: 100, y: 0 }, null)).toEqual({ measurementId: 1, part: 'handle', handle: 1 })
      const twin: Measurement = { id: 4, kind: 'length', points: [{ x: 0, y: 0 }, { x: 100, y: 1 }] }
      expect(measurementAt([length, twin], identity, { x: 100, y: 1 }, 1)).toEqual({ measurementId: 1, part: 'handle', handle: 1 })
      expect(measurementAt([length, twin], identity, { x: 100, y: 1 }, null)).toEqual({ measurementId: 4, part: 'handle', handle: 1 })
    })
  })
})
