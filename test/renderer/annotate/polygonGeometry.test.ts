import { describe, expect, it } from 'vitest'
import {
  distanceToOutline,
  edgeMidpointAt,
  fitPolygonsToBox,
  insidePolygons,
  storedPoint,
  vertexAt,
  withVertexInserted,
  withVertexMoved,
  withVertexRemoved,
} from '../../../src/renderer/src/annotate/polygonGeometry'

const square = [10, 10, 110, 10, 110, 110, 10, 110]
const hole = [40, 40, 80, 40, 80, 80, 40, 80]
const triangle = [200, 200, 240, 200, 220, 240]

describe('polygon points', () => {
  it('are stored inside the image, to a hundredth of a pixel', () => {
    expect(storedPoint({ x: 12.34567, y: 8.005 }, 100, 50)).toEqual({ x: 12.35, y: 8.01 })
    expect(storedPoint({ x: -3.2, y: 77 }, 100, 50)).toEqual({ x: 0, y: 50 })
  })

  it('are inside an object even-odd over its parts: a part inside another is a hole', () => {
    expect(insidePolygons([square], { x: 20, y: 20 })).toBe(true)
    expect(insidePolygons([square, hole], { x: 20, y: 20 })).toBe(true)
    expect(insidePolygons([square, hole], { x: 60, y: 60 })).toBe(false)
    expect(insidePolygons([square, triangle], { x: 220, y: 210 })).toBe(true)
    expect(insidePolygons([square], { x: 120, y: 60 })).toBe(false)
  })

  it('measure their distance to the nearest edge of any part', () => {
    expect(distanceToOutline([square], { x: 60, y: 5 })).toBeCloseTo(5)
    expect(distanceToOutline([square, hole], { x: 60, y: 45 })).toBeCloseTo(5)
    expect(distanceToOutline([square], { x: 113, y: 114 })).toBeCloseTo(5)
  })
})

describe('finding handles', () => {
  it('finds the nearest vertex within reach, in any part', () => {
    expect(vertexAt([square, hole], { x: 82, y: 41 }, 5)).toEqual({ part: 1, index: 1 })
    expect(vertexAt([square], { x: 60, y: 60 }, 5)).toBeNull()
  })

  it('finds an edge by its midpoint, the last edge closing the polygon', () => {
    expect(edgeMidpointAt([square], { x: 60, y: 12 }, 5)).toEqual({ part: 0, index: 0 })
    expect(edgeMidpointAt([square], { x: 9, y: 61 }, 5)).toEqual({ part: 0, index: 3 })
    expect(edgeMidpointAt([square], { x: 30, y: 12 }, 5)).toBeNull()
  })
})

describe('editing vertices', () => {
  it('moves one vertex and leaves the rest, and the input, alone', () => {
    const polygons = [square, hole]
    expect(withVertexMoved(polygons, { part: 1, index: 2 }, { x: 90, y: 95 })).toEqual([square, [40, 40, 80, 40, 90, 95, 40, 80]])
    expect(polygons[1]).toEqual(hole)
  })

  it('inserts a vertex on the edge it was dragged out of, the closing edge included', () => {
    expect(withVertexInserted([square], { part: 0, index: 0 }, { x: 60, y: 0 })).toEqual([[10, 10, 60, 0, 110, 10, 110, 110, 10, 110]])
    expect(withVertexInserted([square], { part: 0, index: 3 }, { x: 0, y: 60 })).toEqual([[10, 10, 110, 10, 110, 110, 10, 110, 0, 60]])
  })

  it('removes a vertex; a triangle loses the whole part, unless it is the only one', () => {
    expect(withVertexRemoved([square], { part: 0, index: 1 })).toEqual([[10, 10, 110, 110, 10, 110]])
    expect(withVertexRemoved([square, triangle], { part: 1, index: 0 })).toEqual([square])
    expect(withVertexRemoved([triangle], { part: 0, index: 2 })).toBeNull()
  })
})

describe('moving the whole object', () => {
  it('carries the parts along with the box, as the services do', () => {
    const from = { x: 10, y: 10, width: 100, height: 100 }
    expect(fitPolygonsToBox([square, hole], from, { x: 30, y: 5, width: 100, height: 100 })).toEqual([
      [30, 5, 130, 5, 130, 105, 30, 105],
      [60, 35, 100, 35, 100, 75, 60, 75],
    ])
    expect(fitPolygonsToBox([square], from, { x: 10, y: 10, width: 50, height: 200 })).toEqual([[10, 10, 60, 10, 60, 210, 10, 210]])
  })
})
