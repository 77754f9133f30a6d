import type Konva from 'konva'
import type { CanvasTool, ToolInput } from './canvasTool'
import type { Point } from './geometry'
import { drawPolygonDraft, drawSelectedPolygons } from './polygonDrawing'
import { flatten, MIN_POLYGON_POINTS, storedPoint, type Polygons } from './polygonGeometry'
import { toScreen, type View } from './view'

/** How near (screen px) the first point a click must be to close the polygon there. */
export const CLOSE_REACH_PX = 8
/** A click this near (screen px) the last point places nothing: two points in one place make no edge. */
const SAME_POINT_PX = 3

export type DraftPress = 'add' | 'close' | 'ignore'

/**
 * What a click does to the polygon being drawn, given its points on screen: on the first point (with enough points
 * to make a polygon) or the second click of a double-click it closes, the first click having placed the last point;
 * on the last point it does nothing; anywhere else it adds a point.
 */
export function draftPress(pointsOnScreen: readonly Point[], at: Point, clicks: number): DraftPress {
  const closable = pointsOnScreen.length >= MIN_POLYGON_POINTS
  const first = pointsOnScreen[0]
  const last = pointsOnScreen.at(-1)
  if (closable && first && Math.hypot(first.x - at.x, first.y - at.y) <= CLOSE_REACH_PX) return 'close'
  if (closable && clicks >= 2) return 'close'
  if (last && Math.hypot(last.x - at.x, last.y - at.y) <= SAME_POINT_PX) return 'ignore'
  return 'add'
}

/** What the polygon tool needs from the workspace, read afresh at each use. */
export interface PolygonToolHost {
  imageWidth: number
  imageHeight: number
  /** The colour of the label the polygon will get. */
  color: string
  /** The selected polygon object's parts, shown under the draft since Shift+close adds the new part to it. */
  selected: { polygons: Polygons; color: string } | null
  /** A polygon was closed: a new object, or with `addPart` another part of the selected one. */
  closed(polygon: number[], addPart: boolean): void
  /** The number of points placed changed. */
  changed(): void
}

/**
 * The polygon tool: each click places a point (in image pixels, inside the image, to a hundredth of a pixel), a
 * rubber band follows the pointer, and the polygon is closed on its first point, by a double-click or with Enter.
 * Backspace takes the last point back and Esc drops the lot (the keys come through usePolygonTool).
 */
export class PolygonTool implements CanvasTool {
  private points: Point[] = []
  private pointer: Point | null = null

  constructor(private host: PolygonToolHost) {}

  /** The workspace as it is now, given anew as it changes. */
  attach(host: PolygonToolHost): void {
    this.host = host
  }

  get pointCount(): number {
    return this.points.length
  }

  press(input: ToolInput): boolean {
    const { imageWidth, imageHeight } = this.host
    this.pointer = storedPoint(input.point, imageWidth, imageHeight)
    const action = draftPress(this.onScreen(input.view), input.screen, input.clicks)
    if (action === 'close') this.close(input.shiftKey)
    else if (action === 'add') {
      this.points.push(this.pointer)
      this.host.changed()
    }
    return true
  }

  move(input: ToolInput): string {
    const { imageWidth, imageHeight } = this.host
    this.pointer = storedPoint(input.point, imageWidth, imageHeight)
    return this.closesAt(input.view, input.screen) ? 'pointer' : 'crosshair'
  }

  release(): void {}

  cancel(): boolean {
    if (this.points.length === 0) return false
    this.points = []
    this.host.changed()
    return true
  }

  /** Closes the polygon (Enter, or a click that closes it); false when it has too few points yet. */
  close(addPart: boolean): boolean {
    if (this.points.length < MIN_POLYGON_POINTS) return false
    const polygon = flatten(this.points)
    this.points = []
    this.host.closed(polygon, addPart)
    this.host.changed()
    return true
  }

  /** Takes back the last point placed; false when there was none. */
  removeLastPoint(): boolean {
    if (this.points.pop() === undefined) return false
    this.host.changed()
    return true
  }

  drawOverlay(context: Konva.Context, view: View): void {
    const { selected, color } = this.host
    if (selected) drawSelectedPolygons(context, selected.polygons, selected.color, view, false)
    const pointer = this.pointer && toScreen(view, this.pointer)
    drawPolygonDraft(context, this.points, this.pointer, color, view, pointer !== null && this.closesAt(view, pointer))
  }

  private onScreen(view: View): Point[] {
    return this.points.map((point) => toScreen(view, point))
  }

  private closesAt(view: View, screen: Point): boolean {
    return draftPress(this.onScreen(view), screen, 1) === 'close'
  }
}
