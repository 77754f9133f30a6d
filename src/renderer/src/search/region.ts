import type { Region } from '../../../shared/api/schemas'

export interface Size {
  width: number
  height: number
}

/** A drag on the region picker's image, in screen pixels within it; the sizes map those to image pixels. */
export interface Drag {
  x0: number
  y0: number
  x1: number
  y1: number
  /** The image as shown on screen when the drag began. */
  shown: Size
  /** The image in its own pixels: the catalogue's size where it is known, else the loaded image's. */
  full: Size
}

/** The rectangle the drag spans, whichever way it went. */
export function boxOf(drag: Drag): { left: number; top: number; width: number; height: number } {
  return {
    left: Math.min(drag.x0, drag.x1),
    top: Math.min(drag.y0, drag.y1),
    width: Math.abs(drag.x1 - drag.x0),
    height: Math.abs(drag.y1 - drag.y0),
  }
}

/** The drag in image pixels, kept within the image and at least a pixel across. */
export function regionOf(drag: Drag): Region {
  const box = boxOf(drag)
  const sx = drag.full.width / drag.shown.width
  const sy = drag.full.height / drag.shown.height
  const x = Math.round(box.left * sx)
  const y = Math.round(box.top * sy)
  return {
    x,
    y,
    width: Math.max(1, Math.min(drag.full.width - x, Math.round(box.width * sx))),
    height: Math.max(1, Math.min(drag.full.height - y, Math.round(box.height * sy))),
  }
}

/**
 * A rectangle already in image pixels (an annotation box), as a search region: whole pixels, inside the image and
 * at least a pixel across, so a box drawn partly off the image still asks about the part that exists.
 */
export function regionOfRect(rect: { x: number; y: number; width: number; height: number }, full: Size): Region {
  const x = Math.min(full.width - 1, Math.max(0, Math.round(rect.x)))
  const y = Math.min(full.height - 1, Math.max(0, Math.round(rect.y)))
  const right = Math.min(full.width, Math.round(rect.x + rect.width))
  const bottom = Math.min(full.height, Math.round(rect.y + rect.height))
  return { x, y, width: Math.max(1, right - x), height: Math.max(1, bottom - y) }
}
