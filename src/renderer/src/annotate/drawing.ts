import type Konva from 'konva'
import type { Box } from '../../../shared/api/schemas'
import { HANDLES, handlePoint, type Rect } from './geometry'
import type { View } from './view'

/** Boxes without a label yet. */
export const NO_LABEL_COLOR = '#9aa0a6'
const HANDLE_SIZE = 8
/** Above this many boxes on screen, names and fills are left off: hundreds of them are unreadable anyway, and slow. */
const MAX_NAMED_BOXES = 150
// i18n-exempt: a CSS font
const NAME_FONT = '600 11px system-ui, sans-serif'

export interface Screen {
  width: number
  height: number
}

/**
 * Switches the Konva context to screen pixels (CSS px × the canvas' pixel ratio). Drawing there rather than in image
 * space keeps 1 px lines 1 px and crisp at any zoom, and lets edges be snapped to the pixel grid.
 */
export function toScreenSpace(context: Konva.Context, shape: Konva.Shape): void {
  const ratio = shape.getLayer()?.getCanvas().getPixelRatio() ?? 1
  context.setTransform(ratio, 0, 0, ratio, 0, 0)
}

/** A box's rectangle on screen, edges on pixel centres so 1 px strokes are sharp. */
export function screenRect(view: View, rect: Rect): Rect {
  const left = Math.round(rect.x * view.scale + view.x) + 0.5
  const top = Math.round(rect.y * view.scale + view.y) + 0.5
  const right = Math.round((rect.x + rect.width) * view.scale + view.x) + 0.5
  const bottom = Math.round((rect.y + rect.height) * view.scale + view.y) + 0.5
  return { x: left, y: top, width: right - left, height: bottom - top }
}

const onScreen = (r: Rect, screen: Screen) => r.x + r.width >= 0 && r.y + r.height >= 0 && r.x <= screen.width && r.y <= screen.height

/**
 * All boxes but the selected one, in one pass: grouped by colour, so each colour is one path filled once and stroked
 * once, whatever the number of boxes. Boxes off screen are skipped.
 */
export function drawBoxes(
  context: Konva.Context,
  boxes: readonly Box[],
  colorOf: (label: string | null) => string,
  view: View,
  screen: Screen,
): void {
  const byColor = new Map<string, Rect[]>()
  const named: { rect: Rect; label: string; color: string }[] = []
  let shown = 0
  for (const box of boxes) {
    const rect = screenRect(view, box)
    if (!onScreen(rect, screen)) continue
    shown++
    const color = colorOf(box.label)
    let group = byColor.get(color)
    if (!group) byColor.set(color, (group = []))
    group.push(rect)
    if (box.label !== null) named.push({ rect, label: box.label, color })
  }
  // Crowded views get plain 1 px outlines: hundreds of overlapping tinted fills hide the image and cost most of
  // the drawing time (every tinted pixel is blended).
  const crowded = shown > MAX_NAMED_BOXES
  for (const [color, rects] of byColor) {
    context.beginPath()
    for (const rect of rects) context.rect(rect.x, rect.y, rect.width, rect.height)
    if (!crowded) {
      context.setAttr('fillStyle', `${color}1f`)
      context.fill()
    }
    context.setAttr('strokeStyle', color)
    context.setAttr('lineWidth', crowded ? 1 : 1.5)
    context.stroke()
  }
  if (!crowded) for (const { rect, label, color } of named) drawName(context, rect, label, color)
}

/** The label on a small tab at the box's top-left corner (inside it when there is no room above). */
export function drawName(context: Konva.Context, rect: Rect, label: string, color: string): void {
  if (rect.width < 24 || rect.height < 12) return
  context.setAttr('font', NAME_FONT)
  const text = fitText(context, label, Math.max(24, rect.width - 2))
  const width = context.measureText(text).width + 8
  const top = rect.y >= 16 ? rect.y - 16 : rect.y
  context.setAttr('fillStyle', color)
  context.fillRect(rect.x - 0.5, top, width, 16)
  context.setAttr('fillStyle', '#0c0d0f')
  context.setAttr('textBaseline', 'middle')
  context.fillText(text, rect.x + 3.5, top + 8.5)
}

function fitText(context: Konva.Context, text: string, maxWidth: number): string {
  if (context.measureText(text).width + 8 <= maxWidth) return text
  let end = text.length
  while (end > 1 && context.measureText(`${text.slice(0, end)}…`).width + 8 > maxWidth) end--
  return `${text.slice(0, end)}…`
}

/** The selected box: a heavier outline and its eight resize handles. */
export function drawSelected(context: Konva.Context, box: Rect, label: string | null, color: string, view: View): void {
  const rect = screenRect(view, box)
  context.setAttr('fillStyle', `${color}33`)
  context.fillRect(rect.x, rect.y, rect.width, rect.height)
  // A dark halo under the coloured line keeps the selection visible on any background.
  context.setAttr('lineWidth', 4)
  context.setAttr('strokeStyle', 'rgba(0,0,0,0.55)')
  context.strokeRect(rect.x, rect.y, rect.width, rect.height)
  context.setAttr('lineWidth', 2)
  context.setAttr('strokeStyle', color)
  context.strokeRect(rect.x, rect.y, rect.width, rect.height)
  if (label !== null) drawName(context, rect, label, color)
  for (const handle of HANDLES) {
    const point = handlePoint({ x: rect.x, y: rect.y, width: rect.width, height: rect.height }, handle)
    const half = HANDLE_SIZE / 2
    context.setAttr('fillStyle', '#ffffff')
    context.fillRect(Math.round(point.x - half), Math.round(point.y - half), HANDLE_SIZE, HANDLE_SIZE)
    context.setAttr('lineWidth', 1)
    context.setAttr('strokeStyle', '#0c0d0f')
    context.strokeRect(Math.round(point.x - half) + 0.5, Math.round(point.y - half) + 0.5, HANDLE_SIZE - 1, HANDLE_SIZE - 1)
  }
}

/** The box being drawn, dashed, with its size in image pixels beside it. */
export function drawDraft(context: Konva.Context, box: Rect, color: string, view: View): void {
  const rect = screenRect(view, box)
  context.setAttr('fillStyle', `${color}26`)
  context.fillRect(rect.x, rect.y, rect.width, rect.height)
  context.setAttr('lineWidth', 1.5)
  context.setAttr('strokeStyle', color)
  context.setLineDash([6, 4])
  context.strokeRect(rect.x, rect.y, rect.width, rect.height)
  context.setLineDash([])
  const label = `${Math.round(box.width)} × ${Math.round(box.height)}`
  context.setAttr('font', NAME_FONT)
  const width = context.measureText(label).width + 10
  const x = rect.x + rect.width + 6
  const y = rect.y + rect.height + 6
  context.setAttr('fillStyle', 'rgba(12,13,15,0.8)')
  context.fillRect(x, y, width, 18)
  context.setAttr('fillStyle', '#e3e5e9')
  context.setAttr('textBaseline', 'middle')
  context.fillText(label, x + 5, y + 9.5)
}

/** Guides through the pointer across the whole canvas, drawn twice (dark, then light) to show on any image. */
export function drawCrosshair(context: Konva.Context, x: number, y: number, screen: Screen): void {
  const sx = Math.round(x) + 0.5
  const sy = Math.round(y) + 0.5
  context.beginPath()
  context.moveTo(0, sy)
  context.lineTo(screen.width, sy)
  context.moveTo(sx, 0)
  context.lineTo(sx, screen.height)
  context.setAttr('lineWidth', 3)
  context.setAttr('strokeStyle', 'rgba(0,0,0,0.45)')
  context.stroke()
  context.setAttr('lineWidth', 1)
  context.setAttr('strokeStyle', 'rgba(255,255,255,0.85)')
  context.stroke()
}
