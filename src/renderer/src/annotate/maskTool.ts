import type Konva from 'konva'
import type { Rle } from '../../../shared/shapes/rle'
import { bitmapFromRle, rleFromBitmap } from '../../../shared/shapes/bitmap'
import type { CanvasTool, ToolInput } from './canvasTool'
import { strokeOnAnyImage } from './drawing'
import type { Point } from './geometry'
import { sameRle, type MaskSurface, type MaskSurfaces } from './maskSurface'
import type { View } from './view'

/** What one stroke of the brush or the eraser does to the image's objects: one edit, so one undo step. */
export type MaskEdit = { kind: 'add'; rle: Rle } | { kind: 'change'; boxId: number; rle: Rle } | { kind: 'delete'; boxId: number }

export interface MaskToolOptions {
  erase: boolean
  /** The brush's radius, in image pixels. */
  radius: number
  imageWidth: number
  imageHeight: number
  /** The selected object when it is a mask: the brush adds to it and the eraser takes from it. */
  selected: { boxId: number; rle: Rle } | null
  /** The colour a new mask is drawn in while it is painted (the current label's). */
  color: string
  surfaces: MaskSurfaces
  /** Where the pointer was last seen over the canvas, kept across the tool being made again (a new brush size). */
  hover: { current: Point | null }
  /** The eraser was pressed with no mask selected. */
  onNothingToErase(): void
  onEdit(edit: MaskEdit): void
}

interface Stroke {
  surface: MaskSurface
  last: Point
  /**
   * The selected mask before the stroke, to put back if it is cancelled; null for a new mask. Kept as its RLE and
   * decoded only on Esc: copying a 4000 × 3000 image's pixels on every press would be a visible hitch.
   */
  before: Rle | null
}

/**
 * The mask brush and eraser. A stroke paints into the selected mask's pixels (or a new, empty mask), which the
 * canvas shows as they change; its release is one edit: a new mask object, the selected one changed, or, when the
 * eraser took its last pixel, the object deleted (the services refuse an empty mask).
 */
export function createMaskTool(options: MaskToolOptions): CanvasTool {
  const { erase, radius, imageWidth, imageHeight, selected, surfaces, hover } = options
  let stroke: Stroke | null = null

  const paintTo = (point: Point) => {
    if (!stroke) return
    stroke.surface.stroke(stroke.last, point, radius, erase ? 0 : 1)
    stroke.last = point
  }

  return {
    press(input: ToolInput) {
      hover.current = input.point
      if (erase && !selected) {
        options.onNothingToErase()
        return true
      }
      const surface = selected ? surfaces.get(selected.rle) : surfaces.fresh(imageWidth, imageHeight)
      stroke = { surface, last: input.point, before: selected?.rle ?? null }
      paintTo(input.point)
      return true
    },
    leave() {
      hover.current = null
    },
    move(input: ToolInput, pressed: boolean) {
      hover.current = input.point
      if (pressed) paintTo(input.point)
      return 'crosshair'
    },
    release(input: ToolInput) {
      paintTo(input.point)
      const done = stroke
      stroke = null
      if (!done) return
      const rle = rleFromBitmap(done.surface.bitmap, imageWidth, imageHeight)
      // One run is all background.
      const empty = rle.counts.length === 1
      if (!selected) {
        if (empty) return
        surfaces.remember(rle, done.surface)
        options.onEdit({ kind: 'add', rle })
      } else if (empty) {
        options.onEdit({ kind: 'delete', boxId: selected.boxId })
      } else if (!sameRle(rle, selected.rle)) {
        surfaces.remember(rle, done.surface)
        options.onEdit({ kind: 'change', boxId: selected.boxId, rle })
      }
    },
    cancel() {
      if (!stroke) return false
      if (stroke.before) stroke.surface.restore(bitmapFromRle(stroke.before))
      stroke = null
      return true
    },
    drawOverlay(context: Konva.Context, view: View) {
      const canvas = context.getCanvas()
      const ratio = canvas.getPixelRatio()
      // A selected mask being painted is the canvas' own selected mask, drawn by it; only a new one is drawn here.
      if (stroke && !stroke.before) {
        stroke.surface.draw(context, view, { width: canvas.getWidth() / ratio, height: canvas.getHeight() / ratio }, options.color)
      }
      if (hover.current) drawBrushCursor(context, hover.current, radius, view)
    },
  }
}

/** The brush's reach on screen, as a circle that shows on any image. */
function drawBrushCursor(context: Konva.Context, at: Point, radius: number, view: View): void {
  const x = at.x * view.scale + view.x
  const y = at.y * view.scale + view.y
  context.beginPath()
  context.arc(x, y, Math.max(1, radius * view.scale), 0, 2 * Math.PI)
  strokeOnAnyImage(context)
}
