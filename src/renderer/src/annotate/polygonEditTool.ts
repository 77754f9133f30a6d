import type Konva from 'konva'
import type { CanvasTool, ToolInput } from './canvasTool'
import { MIN_DRAG_SCREEN_PX, type Point } from './geometry'
import { drawSelectedPolygons } from './polygonDrawing'
import {
  edgeMidpointAt,
  storedPoint,
  vertexAt,
  withVertexInserted,
  withVertexMoved,
  withVertexRemoved,
  type Polygons,
  type VertexRef,
} from './polygonGeometry'
import type { View } from './view'

/** How near (screen px) a vertex or an edge's midpoint the pointer must be to take hold of it. */
const HANDLE_REACH_PX = 7

/** The selected polygon object, and where its edits go. */
export interface PolygonEditHost {
  polygons: Polygons
  color: string
  imageWidth: number
  imageHeight: number
  /** One finished edit: the object's new parts (one request, one undo step). */
  reshape(polygons: number[][]): void
}

type Drag = { kind: 'vertex' | 'insert'; at: VertexRef; startScreen: Point; moved: boolean; result: number[][] }

/**
 * Editing the points of the selected polygon object: drag a vertex to move it, drag an edge's midpoint to make a new
 * vertex there, Alt+click or double-click a vertex to remove it. Presses anywhere else are declined, so the canvas
 * moves the whole object (inside it) or selects another. A tool is made for one state of the object: the edit's
 * result is shown until the object's new shape arrives with the tool made for it.
 */
export class PolygonEditTool implements CanvasTool {
  private drag: Drag | null = null
  private shown: Polygons

  constructor(private readonly host: PolygonEditHost) {
    this.shown = host.polygons
  }

  press(input: ToolInput): boolean {
    const reach = HANDLE_REACH_PX / input.view.scale
    const at = vertexAt(this.shown, input.point, reach)
    if (at && (input.altKey || input.clicks >= 2)) {
      const removed = withVertexRemoved(this.shown, at)
      if (removed) this.commit(removed)
      return true
    }
    const kind = at ? 'vertex' : 'insert'
    const handle = at ?? edgeMidpointAt(this.shown, input.point, reach)
    if (!handle) return false
    this.drag = { kind, at: handle, startScreen: input.screen, moved: false, result: [] }
    return true
  }

  move(input: ToolInput, pressed: boolean): string | null {
    const drag = this.drag
    if (pressed && drag) {
      const distance = Math.hypot(input.screen.x - drag.startScreen.x, input.screen.y - drag.startScreen.y)
      if (!drag.moved && distance < MIN_DRAG_SCREEN_PX) return 'grabbing'
      drag.moved = true
      const point = storedPoint(input.point, this.host.imageWidth, this.host.imageHeight)
      drag.result = drag.kind === 'vertex' ? withVertexMoved(this.shown, drag.at, point) : withVertexInserted(this.shown, drag.at, point)
      return 'grabbing'
    }
    const reach = HANDLE_REACH_PX / input.view.scale
    if (vertexAt(this.shown, input.point, reach)) return input.altKey ? 'not-allowed' : 'grab'
    if (edgeMidpointAt(this.shown, input.point, reach)) return 'copy'
    return null
  }

  release(): void {
    const drag = this.drag
    this.drag = null
    if (drag?.moved) this.commit(drag.result)
  }

  cancel(): boolean {
    if (!this.drag) return false
    this.drag = null
    return true
  }

  drawOverlay(context: Konva.Context, view: View): void {
    drawSelectedPolygons(context, this.drag?.moved ? this.drag.result : this.shown, this.host.color, view, true)
  }

  private commit(polygons: number[][]): void {
    this.shown = polygons
    this.host.reshape(polygons)
  }
}
