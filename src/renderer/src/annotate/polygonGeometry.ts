import { clamp, type Point, type Rect } from './geometry'

/**
 * Polygon geometry in image pixels, on the flat lists the services store (x1, y1, x2, y2, …; one list per part of
 * the object). Parts are combined even-odd, as COCO draws them: a part inside another is a hole in it.
 */
export type Polygons = readonly (readonly number[])[]

/** Where a vertex is: which part of the object, and which point of it. */
export interface VertexRef {
  part: number
  index: number
}

/** A part needs this many points to enclose anything. */
export const MIN_POLYGON_POINTS = 3

/**
 * A point as it is stored: inside the image, to a hundredth of a pixel. Sub-pixel places matter when zoomed in, but
 * the floating-point noise of the view transform does not belong in the file.
 */
export function storedPoint(point: Point, imageWidth: number, imageHeight: number): Point {
  return { x: roundCoordinate(clamp(point.x, 0, imageWidth)), y: roundCoordinate(clamp(point.y, 0, imageHeight)) }
}

export function roundCoordinate(value: number): number {
  return Math.round(value * 100) / 100
}

export function flatten(points: readonly Point[]): number[] {
  return points.flatMap((point) => [point.x, point.y])
}

export function pointCount(polygon: readonly number[]): number {
  return Math.floor(polygon.length / 2)
}

export function vertex(polygon: readonly number[], index: number): Point {
  return { x: polygon[2 * index] as number, y: polygon[2 * index + 1] as number }
}

/** The midpoint of the edge from vertex `index` to the next one (the last edge closes the polygon). */
export function edgeMidpoint(polygon: readonly number[], index: number): Point {
  const a = vertex(polygon, index)
  const b = vertex(polygon, (index + 1) % pointCount(polygon))
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
}

/** Whether `point` is inside the object: a ray to the right crosses the edges of all its parts an odd number of times. */
export function insidePolygons(polygons: Polygons, point: Point): boolean {
  let inside = false
  for (const polygon of polygons) {
    const n = pointCount(polygon)
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = polygon[2 * i] as number
      const yi = polygon[2 * i + 1] as number
      const xj = polygon[2 * j] as number
      const yj = polygon[2 * j + 1] as number
      if (yi > point.y !== yj > point.y && point.x < ((xj - xi) * (point.y - yi)) / (yj - yi) + xi) inside = !inside
    }
  }
  return inside
}

/** How far `point` is from the nearest edge of any part. */
export function distanceToOutline(polygons: Polygons, point: Point): number {
  let best = Infinity
  for (const polygon of polygons) {
    const n = pointCount(polygon)
    for (let i = 0; i < n; i++) best = Math.min(best, distanceToSegment(point, vertex(polygon, i), vertex(polygon, (i + 1) % n)))
  }
  return best
}

function distanceToSegment(point: Point, a: Point, b: Point): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length = dx * dx + dy * dy
  const t = length === 0 ? 0 : clamp(((point.x - a.x) * dx + (point.y - a.y) * dy) / length, 0, 1)
  return Math.hypot(point.x - (a.x + t * dx), point.y - (a.y + t * dy))
}

/** The vertex nearest `point` within `reach` (image px), or null. */
export function vertexAt(polygons: Polygons, point: Point, reach: number): VertexRef | null {
  return nearest(polygons, point, reach, vertex)
}

/** The edge whose midpoint is nearest `point` within `reach`, by the index of the vertex it starts at; or null. */
export function edgeMidpointAt(polygons: Polygons, point: Point, reach: number): VertexRef | null {
  return nearest(polygons, point, reach, edgeMidpoint)
}

function nearest(polygons: Polygons, point: Point, reach: number, at: (polygon: readonly number[], index: number) => Point): VertexRef | null {
  let best: VertexRef | null = null
  let bestDistance = reach
  for (const [part, polygon] of polygons.entries()) {
    for (let index = 0; index < pointCount(polygon); index++) {
      const candidate = at(polygon, index)
      const distance = Math.hypot(candidate.x - point.x, candidate.y - point.y)
      if (distance <= bestDistance) {
        best = { part, index }
        bestDistance = distance
      }
    }
  }
  return best
}

/** The polygons with one vertex moved to `point`. */
export function withVertexMoved(polygons: Polygons, at: VertexRef, point: Point): number[][] {
  return polygons.map((polygon, part) => {
    const copy = [...polygon]
    if (part === at.part) copy.splice(2 * at.index, 2, point.x, point.y)
    return copy
  })
}

/** The polygons with a vertex at `point` inserted after vertex `after.index` (on the edge that starts there). */
export function withVertexInserted(polygons: Polygons, after: VertexRef, point: Point): number[][] {
  return polygons.map((polygon, part) => {
    const copy = [...polygon]
    if (part === after.part) copy.splice(2 * (after.index + 1), 0, point.x, point.y)
    return copy
  })
}

/**
 * The polygons without one vertex. A part keeps at least three points: taking one from a triangle takes the whole
 * part away, unless it is the object's only part (null: the object would be gone, which is Delete's job).
 */
export function withVertexRemoved(polygons: Polygons, at: VertexRef): number[][] | null {
  const polygon = polygons[at.part]
  if (!polygon) return null
  if (pointCount(polygon) > MIN_POLYGON_POINTS) {
    return polygons.map((candidate, part) => (part === at.part ? candidate.filter((_, i) => i >> 1 !== at.index) : [...candidate]))
  }
  if (polygons.length === 1) return null
  return polygons.filter((_, part) => part !== at.part).map((candidate) => [...candidate])
}

/**
 * The polygons carried along when their box moves from `from` to `to`: each point keeps its place relative to the box,
 * as the services do it, so an optimistic move shows what the reply will hold.
 */
export function fitPolygonsToBox(polygons: Polygons, from: Rect, to: Rect): number[][] {
  const scaleX = from.width === 0 ? 1 : to.width / from.width
  const scaleY = from.height === 0 ? 1 : to.height / from.height
  return polygons.map((polygon) => polygon.map((value, i) => (i % 2 === 0 ? to.x + (value - from.x) * scaleX : to.y + (value - from.y) * scaleY)))
}
