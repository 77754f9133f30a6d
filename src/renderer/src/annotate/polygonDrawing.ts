import type Konva from 'konva'
import type { Point } from './geometry'
import { edgeMidpoint, pointCount, type Polygons } from './polygonGeometry'
import { toScreen, type View } from './view'

const VERTEX_HANDLE = 8
const MIDPOINT_HANDLE = 6

/** Adds the parts to the context's path, in screen pixels; filled even-odd, a part inside another is a hole. */
function tracePolygons(context: Konva.Context, polygons: Polygons, view: View): void {
  context.beginPath()
  for (const polygon of polygons) {
    for (let i = 0; i < pointCount(polygon); i++) {
      const at = toScreen(view, { x: polygon[2 * i] as number, y: polygon[2 * i + 1] as number })
      if (i === 0) context.moveTo(at.x, at.y)
      else context.lineTo(at.x, at.y)
    }
    context.closePath()
  }
}

/** An outline twice, dark and wide under the colour, so it shows on any image. */
function strokeWithHalo(context: Konva.Context, color: string, width: number): void {
  context.setAttr('lineJoin', 'round')
  context.setAttr('lineWidth', width + 2)
  context.setAttr('strokeStyle', 'rgba(0,0,0,0.55)')
  context.stroke()
  context.setAttr('lineWidth', width)
  context.setAttr('strokeStyle', color)
  context.stroke()
}

/**
 * The selected polygon object: tinted, with a heavier outline; with `handles`, a square on each vertex to drag and
 * a smaller round one on each edge's midpoint to drag out a new vertex.
 */
export function drawSelectedPolygons(context: Konva.Context, polygons: Polygons, color: string, view: View, handles: boolean): void {
  tracePolygons(context, polygons, view)
  context.setAttr('fillStyle', `${color}33`)
  context._context.fill('evenodd')
  strokeWithHalo(context, color, 2)
  if (!handles) return
  for (const polygon of polygons) {
    for (let i = 0; i < pointCount(polygon); i++) {
      drawMidpointHandle(context, toScreen(view, edgeMidpoint(polygon, i)), color)
      drawVertexHandle(context, toScreen(view, { x: polygon[2 * i] as number, y: polygon[2 * i + 1] as number }))
    }
  }
}

/**
 * The polygon being drawn: its points so far joined up, and a rubber band from the last one to the pointer (dashed
 * back to the first, to show what closing would give). The first point is ringed when a click there would close.
 */
export function drawPolygonDraft(context: Konva.Context, points: readonly Point[], pointer: Point | null, color: string, view: View, closable: boolean): void {
  if (points.length === 0) return
  const onScreen = points.map((point) => toScreen(view, point))
  const tip = pointer ? toScreen(view, pointer) : null
  const first = onScreen[0] as Point
  const last = onScreen.at(-1) as Point
  context.beginPath()
  context.moveTo(first.x, first.y)
  for (const at of onScreen.slice(1)) context.lineTo(at.x, at.y)
  if (tip) context.lineTo(tip.x, tip.y)
  context.closePath()
  context.setAttr('fillStyle', `${color}26`)
  context.fill()
  context.beginPath()
  context.moveTo(first.x, first.y)
  for (const at of onScreen.slice(1)) context.lineTo(at.x, at.y)
  strokeWithHalo(context, color, 2)
  if (tip) {
    context.beginPath()
    context.moveTo(last.x, last.y)
    context.lineTo(tip.x, tip.y)
    if (points.length >= 2) context.lineTo(first.x, first.y)
    context.setLineDash([6, 4])
    strokeWithHalo(context, color, 1.5)
    context.setLineDash([])
  }
  for (const at of onScreen) drawVertexHandle(context, at)
  if (closable) {
    context.beginPath()
    context.arc(first.x, first.y, VERTEX_HANDLE, 0, Math.PI * 2)
    strokeWithHalo(context, color, 2)
  }
}

function drawVertexHandle(context: Konva.Context, at: Point): void {
  const half = VERTEX_HANDLE / 2
  const left = Math.round(at.x - half)
  const top = Math.round(at.y - half)
  context.setAttr('fillStyle', '#ffffff')
  context.fillRect(left, top, VERTEX_HANDLE, VERTEX_HANDLE)
  context.setAttr('lineWidth', 1)
  context.setAttr('strokeStyle', '#0c0d0f')
  context.strokeRect(left + 0.5, top + 0.5, VERTEX_HANDLE - 1, VERTEX_HANDLE - 1)
}

function drawMidpointHandle(context: Konva.Context, at: Point, color: string): void {
  context.beginPath()
  context.arc(at.x, at.y, MIDPOINT_HANDLE / 2, 0, Math.PI * 2)
  context.setAttr('fillStyle', color)
  context.fill()
  context.setAttr('lineWidth', 1)
  context.setAttr('strokeStyle', '#0c0d0f')
  context.stroke()
}
