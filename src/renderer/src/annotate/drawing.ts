import type Konva from 'konva'
import type { Box } from '../../../shared/api/schemas'
import { t } from '../i18n/t'
import { HANDLES, handlePoint, type Rect } from './geometry'
import { drawMask, maskImages, screenRing, traceRings, type MaskShape } from './shapeDrawing'
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

/** Whether any of a screen rectangle is on screen: what is not is not drawn at all. */
export const onScreen = (r: Rect, screen: Screen) => r.x + r.width >= 0 && r.y + r.height >= 0 && r.x <= screen.width && r.y <= screen.height

/** Outlines of one colour, plain or dashed (crowd regions), stroked as one path. */
interface OutlineGroup {
  color: string
  crowd: boolean
  /** Boxes, filled and outlined. */
  rects: Rect[]
  /** Polygon rings in screen pixels, outlined (their fills are drawn per object, see drawBoxes). */
  rings: number[][]
  /** Crowd masks' boxes, outlined only: the pixels are the fill. */
  frames: Rect[]
}

const CROWD_DASH = [5, 4]
/**
 * Polygons are filled while their boxes cover at most this share of the screen: filling a curved outline costs by
 * the pixel in a software canvas (no GPU), several times a box's fill, so a view full of polygons keeps to outlines.
 */
const POLYGON_FILL_SHARE = 0.3

function visibleArea(rect: Rect, screen: Screen): number {
  const width = Math.min(rect.x + rect.width, screen.width) - Math.max(rect.x, 0)
  const height = Math.min(rect.y + rect.height, screen.height) - Math.max(rect.y, 0)
  return Math.max(0, width) * Math.max(0, height)
}

/**
 * All objects but the selected one, in one pass: boxes as boxes, polygons as their outlines, masks as their tinted
 * pixels (drawn once per mask and kept, see maskImages), crowd regions with a dashed outline. Outlines are grouped by
 * colour, so each colour is one path stroked once, whatever the number of objects; objects off screen are skipped.
 */
export function drawBoxes(
  context: Konva.Context,
  boxes: readonly Box[],
  colorOf: (label: string | null) => string,
  view: View,
  screen: Screen,
): void {
  const groups = new Map<string, OutlineGroup>()
  const fills: { rings: number[][]; color: string }[] = []
  const masks: { shape: MaskShape; color: string }[] = []
  const named: { rect: Rect; label: string; color: string }[] = []
  let shown = 0
  let polygonArea = 0
  for (const box of boxes) {
    const rect = screenRect(view, box)
    if (!onScreen(rect, screen)) continue
    shown++
    const color = colorOf(box.label)
    const crowd = box.crowd === true
    const key = crowd ? `${color} crowd` : color
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { color, crowd, rects: [], rings: [], frames: [] }))
    if (box.shape?.kind === 'polygons') {
      const rings = box.shape.polygons.map((polygon) => screenRing(polygon, view))
      group.rings.push(...rings)
      fills.push({ rings, color })
      polygonArea += visibleArea(rect, screen)
    } else if (box.shape?.kind === 'mask') {
      masks.push({ shape: box.shape, color })
      if (crowd) group.frames.push(rect)
    } else {
      group.rects.push(rect)
    }
    const name = objectName(box)
    if (name !== null) named.push({ rect, label: name, color })
  }
  for (const { shape, color } of masks) {
    const image = maskImages.get(shape, color)
    if (image) drawMask(context, image, view)
  }
  // Crowded views get plain 1 px outlines: hundreds of overlapping tinted fills hide the image and cost most of
  // the drawing time (every tinted pixel is blended).
  const crowded = shown > MAX_NAMED_BOXES
  if (!crowded && polygonArea <= screen.width * screen.height * POLYGON_FILL_SHARE) {
    // Each object's polygons are filled on their own, even-odd, so a part's holes show and two overlapping objects
    // of one colour do not cut holes in each other.
    for (const { rings, color } of fills) {
      context.beginPath()
      traceRings(context, rings)
      context.setAttr('fillStyle', `${color}1f`)
      context.fill('evenodd')
    }
  }
  for (const group of groups.values()) {
    context.setLineDash(group.crowd ? CROWD_DASH : [])
    context.setAttr('strokeStyle', group.color)
    if (group.rects.length > 0 || group.frames.length > 0) {
      context.beginPath()
      for (const rect of group.rects) context.rect(rect.x, rect.y, rect.width, rect.height)
      if (!crowded && group.rects.length > 0) {
        context.setAttr('fillStyle', `${group.color}1f`)
        context.fill()
      }
      for (const rect of group.frames) context.rect(rect.x, rect.y, rect.width, rect.height)
      context.setAttr('lineWidth', crowded ? 1 : 1.5)
      context.stroke()
    }
    if (group.rings.length > 0) {
      context.beginPath()
      traceRings(context, group.rings)
      // Any width but 1 takes Chromium's software canvas an order of magnitude longer on curved outlines.
      context.setAttr('lineWidth', 1)
      context.stroke()
    }
  }
  context.setLineDash([])
  if (!crowded) for (const { rect, label, color } of named) drawName(context, rect, label, color)
}

/** What an object's name tab says: its class, and that it is a crowd region; null for a plain box with no class. */
export function objectName(box: Pick<Box, 'label' | 'crowd'>): string | null {
  if (box.crowd) return box.label === null ? t('annotate.canvas.crowd') : t('annotate.canvas.crowdName', { label: box.label })
  return box.label
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
  strokeOnAnyImage(context)
}

/** Strokes the current path dark and wide, then light and thin over it, so a guide shows on any image. */
export function strokeOnAnyImage(context: Konva.Context): void {
  context.setAttr('lineWidth', 3)
  context.setAttr('strokeStyle', 'rgba(0,0,0,0.45)')
  context.stroke()
  context.setAttr('lineWidth', 1)
  context.setAttr('strokeStyle', 'rgba(255,255,255,0.85)')
  context.stroke()
}
