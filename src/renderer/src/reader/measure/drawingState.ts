import type { MeasurementKind, MeasurementPoint as Point } from '../../../../shared/api/schemas'
import type { MeasureTool } from '../viewportSurface'

/**
 * A measurement being drawn, in image pixels. Lengths and regions are one press–drag–release. An angle is drawn
 * the way it is quickest with one hand on the mouse: drag its first arm (press on the arm's end, release on the
 * vertex), then click where the second arm ends, the arm following the pointer meanwhile — two gestures instead of
 * three clicks. Three clicks work as well: a click that does not drag puts down the next point.
 */
export type Draft =
  | { kind: 'length' | 'rectangle' | 'ellipse'; points: [Point, Point] }
  | { kind: 'angle'; step: 'first-arm'; pressed: boolean; points: [Point, Point] }
  | { kind: 'angle'; step: 'second-arm'; points: [Point, Point, Point] }

export interface Finished {
  kind: MeasurementKind
  points: Point[]
}

/** A press of the left button at `at`: starts a measurement, or puts down an angle's next point. */
export function pressDraft(draft: Draft | null, tool: MeasureTool, at: Point): Draft {
  if (draft?.kind === 'angle' && draft.step === 'first-arm') return { ...draft, pressed: true, points: [draft.points[0], at] }
  if (draft?.kind === 'angle' && draft.step === 'second-arm') return { ...draft, points: [draft.points[0], draft.points[1], at] }
  if (tool === 'angle') return { kind: 'angle', step: 'first-arm', pressed: true, points: [at, at] }
  return { kind: tool, points: [at, at] }
}

/** The pointer moved to `at` (pressed or not): the point being placed follows it. */
export function moveDraft(draft: Draft, at: Point): Draft {
  if (draft.kind !== 'angle') return { ...draft, points: [draft.points[0], at] }
  if (draft.step === 'first-arm') return { ...draft, points: [draft.points[0], at] }
  return { ...draft, points: [draft.points[0], draft.points[1], at] }
}

/**
 * The button was released at `at`. `minDistance` (image px) tells a drag from a click: a length or region too small
 * to be meant is dropped; an angle's point too close to the previous one waits for the next click instead.
 */
export function releaseDraft(draft: Draft, at: Point, minDistance: number): { draft: Draft | null; finished: Finished | null } {
  const farFrom = (point: Point) => Math.hypot(at.x - point.x, at.y - point.y) >= minDistance
  if (draft.kind !== 'angle') {
    const [start] = draft.points
    return { draft: null, finished: farFrom(start) ? { kind: draft.kind, points: [start, at] } : null }
  }
  if (draft.step === 'first-arm') {
    const [end] = draft.points
    if (!farFrom(end)) return { draft: { ...draft, pressed: false, points: [end, at] }, finished: null }
    return { draft: { kind: 'angle', step: 'second-arm', points: [end, at, at] }, finished: null }
  }
  const [end, vertex] = draft.points
  if (!farFrom(vertex)) return { draft: { ...draft, points: [end, vertex, at] }, finished: null }
  return { draft: null, finished: { kind: 'angle', points: [end, vertex, at] } }
}
