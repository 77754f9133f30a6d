import type { Measurement, MeasurementKind, MeasurementPoint as Point } from '../../../../shared/api/schemas'
import type { ViewTransform } from '../viewportSurface'

/** How close (screen px, whatever the zoom) the pointer must be to a handle to grab it, and to a line to pick it. */
export const HANDLE_REACH = 8
export const LINE_REACH = 5
/** A drag shorter than this on screen is a click. */
export const MIN_DRAG_SCREEN_PX = 4

export const toScreen = (transform: ViewTransform, point: Point): Point => ({
  x: point.x * transform.scale + transform.offsetX,
  y: point.y * transform.scale + transform.offsetY,
})

export const toImage = (transform: ViewTransform, point: Point): Point => ({
  x: (point.x - transform.offsetX) / transform.scale,
  y: (point.y - transform.offsetY) / transform.scale,
})

/** Rectangles and ellipses store two opposite corners; their four corners take each coordinate from one of them. */
const CORNERS = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
] as const

const pointAt = (points: readonly Point[], index: number): Point => points[index] ?? { x: 0, y: 0 }

const isRegion = (kind: MeasurementKind): kind is 'rectangle' | 'ellipse' => kind === 'rectangle' || kind === 'ellipse'

/** The points a person can drag: a length's ends, an angle's three points, a region's four corners. */
export function handlesOf(kind: MeasurementKind, points: readonly Point[]): Point[] {
  if (!isRegion(kind)) return [...points]
  return CORNERS.map(([xFrom, yFrom]) => ({ x: pointAt(points, xFrom).x, y: pointAt(points, yFrom).y }))
}

/** The measurement's points once handle `handle` (an index into handlesOf) was dragged to `to`. */
export function withHandleMoved(kind: MeasurementKind, points: readonly Point[], handle: number, to: Point): Point[] {
  const next = points.map((point) => ({ ...point }))
  if (!isRegion(kind)) {
    if (handle >= 0 && handle < next.length) next[handle] = { ...to }
    return next
  }
  const corner = CORNERS[handle]
  if (!corner) return next
  const [xFrom, yFrom] = corner
  next[xFrom] = { ...pointAt(next, xFrom), x: to.x }
  next[yFrom] = { ...pointAt(next, yFrom), y: to.y }
  return next
}

/** A point kept on the image (points off it would measure nothing there). */
export const clampToImage = (point: Point, width: number, height: number): Point => ({
  x: Math.min(width, Math.max(0, point.x)),
  y: Math.min(height, Math.max(0, point.y)),
})

/** The points moved together by (dx, dy), as far as they can go without leaving the image. */
export function translated(points: readonly Point[], dx: number, dy: number, width: number, height: number): Point[] {
  const xs = points.map((point) => point.x)
  const ys = points.map((point) => point.y)
  const clampedX = Math.min(Math.max(dx, -Math.min(...xs)), width - Math.max(...xs))
  const clampedY = Math.min(Math.max(dy, -Math.min(...ys)), height - Math.max(...ys))
  // A measurement already partly off the image (drawn on a larger one, say) is not pulled anywhere by the clamp.
  const moveX = Math.sign(clampedX) === Math.sign(dx) ? clampedX : 0
  const moveY = Math.sign(clampedY) === Math.sign(dy) ? clampedY : 0
  return points.map((point) => ({ x: point.x + moveX, y: point.y + moveY }))
}

/** Segments of the measurement's outline on screen: the lines a press can pick it by. */
export function outlineOf(kind: MeasurementKind, points: readonly Point[]): [Point, Point][] {
  const [a, b, c] = [pointAt(points, 0), pointAt(points, 1), pointAt(points, 2)]
  switch (kind) {
    case 'length':
      return [[a, b]]
    case 'angle':
      return [
        [a, b],
        [b, c],
      ]
    case 'rectangle': {
      const corners = handlesOf(kind, points)
      return corners.map((corner, index) => [corner, corners[(index + 1) % corners.length] ?? corner])
    }
    case 'ellipse':
      return ellipseOutline(a, b, 64)
  }
}

/** The ellipse inscribed in the rectangle with corners a and b, as a closed polygon of `steps` segments. */
export function ellipseOutline(a: Point, b: Point, steps: number): [Point, Point][] {
  const centre = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
  const radiusX = Math.abs(b.x - a.x) / 2
  const radiusY = Math.abs(b.y - a.y) / 2
  const around = Array.from({ length: steps }, (_, step) => {
    const turn = (step / steps) * 2 * Math.PI
    return { x: centre.x + radiusX * Math.cos(turn), y: centre.y + radiusY * Math.sin(turn) }
  })
  return around.map((point, index) => [point, around[(index + 1) % steps] ?? point])
}

export function distanceToSegment(point: Point, [a, b]: readonly [Point, Point]): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const lengthSquared = dx * dx + dy * dy
  const along = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, ((point.x - a.x) * dx + (point.y - a.y) * dy) / lengthSquared))
  return Math.hypot(point.x - (a.x + along * dx), point.y - (a.y + along * dy))
}

/** What a press lands on: one of a measurement's handles, or its line or border (the inside of a region is free). */
export type MeasurementHit = { measurementId: number; part: 'handle'; handle: number } | { measurementId: number; part: 'line' }

/**
 * The measurement under the pointer (`at`, screen px). Handles win over lines, the selected measurement's over
 * others', and among equals the nearest: a handle sitting on another measurement's line stays grabbable.
 */
export function measurementAt(
  measurements: readonly Measurement[],
  transform: ViewTransform,
  at: Point,
  selectedId: number | null,
): MeasurementHit | null {
  const selected = measurements.filter((measurement) => measurement.id === selectedId)
  const others = measurements.filter((measurement) => measurement.id !== selectedId)
  return nearestHandle(selected, transform, at) ?? nearestHandle(others, transform, at) ?? nearestLine(selected, transform, at) ?? nearestLine(others, transform, at)
}

function nearestHandle(measurements: readonly Measurement[], transform: ViewTransform, at: Point): MeasurementHit | null {
  let nearest: MeasurementHit | null = null
  let nearestDistance = HANDLE_REACH
  for (const measurement of measurements) {
    handlesOf(measurement.kind, measurement.points).forEach((handle, index) => {
      const screen = toScreen(transform, handle)
      const distance = Math.hypot(screen.x - at.x, screen.y - at.y)
      if (distance > nearestDistance) return
      nearest = { measurementId: measurement.id, part: 'handle', handle: index }
      nearestDistance = distance
    })
  }
  return nearest
}

function nearestLine(measurements: readonly Measurement[], transform: ViewTransform, at: Point): MeasurementHit | null {
  let nearest: MeasurementHit | null = null
  let nearestDistance = LINE_REACH
  for (const measurement of measurements) {
    const onScreen = measurement.points.map((point) => toScreen(transform, point))
    for (const segment of outlineOf(measurement.kind, onScreen)) {
      const distance = distanceToSegment(at, segment)
      if (distance > nearestDistance) continue
      nearest = { measurementId: measurement.id, part: 'line' }
      nearestDistance = distance
    }
  }
  return nearest
}
