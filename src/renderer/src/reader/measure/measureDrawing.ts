import type Konva from 'konva'
import type { MeasurementKind, MeasurementPoint as Point } from '../../../../shared/api/schemas'
import { handlesOf } from './measureGeometry'

/** Measurements in a yellow that reads on grey scales; the selected one and the one being drawn in cyan. */
const COLOR = '#ffd54a'
const ACTIVE_COLOR = '#52d4ff'
const HALO = 'rgba(0, 0, 0, 0.7)'
const FONT = '600 13px system-ui, sans-serif' // i18n-exempt: a CSS font
const LINE_HEIGHT = 16
const TICK = 5
const HANDLE_RADIUS = 4
const ANGLE_ARC = 18
/** Where a label sits from the point it is attached to. */
const LABEL_GAP = 10

export interface MeasurementLook {
  /** Selected or being drawn: brighter, with its handles. */
  active: boolean
  label: readonly string[]
}

/**
 * Draws one measurement, its points already on screen (CSS px from the stage's top-left), in screen space: lines
 * keep their width and labels their size at any zoom. Each line is drawn twice, a dark halo under the colour, and
 * each label outlined, so both read over any part of any image.
 */
export function drawMeasurement(
  context: Konva.Context,
  kind: MeasurementKind,
  points: readonly Point[],
  look: MeasurementLook,
  stage: { width: number; height: number },
): void {
  const color = look.active ? ACTIVE_COLOR : COLOR
  context.setAttr('lineJoin', 'round')
  context.setAttr('lineCap', 'round')
  context.beginPath()
  traceShape(context, kind, points)
  context.setAttr('lineWidth', look.active ? 4 : 3.5)
  context.setAttr('strokeStyle', HALO)
  context.stroke()
  context.setAttr('lineWidth', look.active ? 2 : 1.5)
  context.setAttr('strokeStyle', color)
  context.stroke()
  if (look.active) drawHandles(context, handlesOf(kind, points), color)
  drawLabel(context, look.label, labelAnchor(kind, points), color, stage)
}

function traceShape(context: Konva.Context, kind: MeasurementKind, points: readonly Point[]): void {
  const [a = { x: 0, y: 0 }, b = a, c = b] = points
  switch (kind) {
    case 'length': {
      context.moveTo(a.x, a.y)
      context.lineTo(b.x, b.y)
      // Ticks across both ends, so where a length stops shows even on a busy image.
      const length = Math.hypot(b.x - a.x, b.y - a.y) || 1
      const across = { x: (-(b.y - a.y) / length) * TICK, y: ((b.x - a.x) / length) * TICK }
      for (const end of [a, b]) {
        context.moveTo(end.x - across.x, end.y - across.y)
        context.lineTo(end.x + across.x, end.y + across.y)
      }
      return
    }
    case 'rectangle':
      context.rect(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y))
      return
    case 'ellipse':
      context.moveTo(Math.max(a.x, b.x), (a.y + b.y) / 2)
      context.ellipse((a.x + b.x) / 2, (a.y + b.y) / 2, Math.abs(b.x - a.x) / 2, Math.abs(b.y - a.y) / 2, 0, 0, 2 * Math.PI)
      return
    case 'angle': {
      context.moveTo(a.x, a.y)
      context.lineTo(b.x, b.y)
      context.lineTo(c.x, c.y)
      // A small arc between the arms marks which of the two angles at the vertex is meant.
      const first = Math.atan2(a.y - b.y, a.x - b.x)
      const second = Math.atan2(c.y - b.y, c.x - b.x)
      const sweep = Math.atan2(Math.sin(second - first), Math.cos(second - first))
      context.moveTo(b.x + ANGLE_ARC * Math.cos(first), b.y + ANGLE_ARC * Math.sin(first))
      context.arc(b.x, b.y, ANGLE_ARC, first, first + sweep, sweep < 0)
      return
    }
  }
}

function drawHandles(context: Konva.Context, handles: readonly Point[], color: string): void {
  for (const handle of handles) {
    context.beginPath()
    context.arc(handle.x, handle.y, HANDLE_RADIUS, 0, 2 * Math.PI)
    context.setAttr('fillStyle', color)
    context.fill()
    context.setAttr('lineWidth', 1.5)
    context.setAttr('strokeStyle', HALO)
    context.stroke()
  }
}

/** Beside the measurement's end, right edge or vertex: where it does not cover what was measured. */
function labelAnchor(kind: MeasurementKind, points: readonly Point[]): Point {
  const [a = { x: 0, y: 0 }, b = a] = points
  switch (kind) {
    case 'length':
      return b.x >= a.x ? { x: b.x + LABEL_GAP, y: b.y } : { x: a.x + LABEL_GAP, y: a.y }
    case 'rectangle':
    case 'ellipse':
      return { x: Math.max(a.x, b.x) + LABEL_GAP, y: Math.min(a.y, b.y) }
    case 'angle':
      return { x: b.x + LABEL_GAP, y: b.y + LABEL_GAP }
  }
}

function drawLabel(context: Konva.Context, lines: readonly string[], anchor: Point, color: string, stage: { width: number; height: number }): void {
  if (lines.length === 0) return
  context.setAttr('font', FONT)
  context.setAttr('textBaseline', 'top')
  const width = Math.max(...lines.map((line) => context.measureText(line).width))
  const height = lines.length * LINE_HEIGHT
  // Kept on the stage: flipped to the left of its anchor near the right edge, lifted near the bottom.
  const x = anchor.x + width + 4 > stage.width ? Math.max(4, anchor.x - 2 * LABEL_GAP - width) : anchor.x
  const y = Math.max(4, Math.min(anchor.y, stage.height - height - 4))
  context.setAttr('lineWidth', 3)
  context.setAttr('strokeStyle', HALO)
  context.setAttr('fillStyle', color)
  lines.forEach((line, index) => {
    context.strokeText(line, x, y + index * LINE_HEIGHT)
    context.fillText(line, x, y + index * LINE_HEIGHT)
  })
}
