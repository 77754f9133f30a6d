/** Box geometry in image pixel coordinates: the same space the services store boxes in. */

export interface Point {
  x: number
  y: number
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** The services refuse boxes under 2×2 image pixels; anything that small is a slip of the mouse. */
export const MIN_BOX_IMAGE_PX = 2
/** A drag shorter than this on screen is a click, whatever the zoom. */
export const MIN_DRAG_SCREEN_PX = 4

export const HANDLES = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'] as const
export type Handle = (typeof HANDLES)[number]

export const HANDLE_CURSORS: Record<Handle, string> = {
  nw: 'nwse-resize',
  se: 'nwse-resize',
  ne: 'nesw-resize',
  sw: 'nesw-resize',
  n: 'ns-resize',
  s: 'ns-resize',
  e: 'ew-resize',
  w: 'ew-resize',
}

export function rectFromPoints(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) }
}

/** The part of `rect` inside the image, or null when too little of it is. */
export function clipToImage(rect: Rect, imageWidth: number, imageHeight: number): Rect | null {
  const left = Math.max(0, rect.x)
  const top = Math.max(0, rect.y)
  const right = Math.min(imageWidth, rect.x + rect.width)
  const bottom = Math.min(imageHeight, rect.y + rect.height)
  if (right - left < MIN_BOX_IMAGE_PX || bottom - top < MIN_BOX_IMAGE_PX) return null
  return { x: left, y: top, width: right - left, height: bottom - top }
}

/** Snaps a drawn box's edges to whole pixels: below 1:1 nobody can place an edge more finely than that anyway. */
export function snapToPixels(rect: Rect): Rect {
  const left = Math.round(rect.x)
  const top = Math.round(rect.y)
  return { x: left, y: top, width: Math.round(rect.x + rect.width) - left, height: Math.round(rect.y + rect.height) - top }
}

/** `rect` moved by (dx, dy) but kept wholly inside the image: dragging against an edge slides along it. */
export function moveWithin(rect: Rect, dx: number, dy: number, imageWidth: number, imageHeight: number): Rect {
  const x = clamp(rect.x + dx, 0, Math.max(0, imageWidth - rect.width))
  const y = clamp(rect.y + dy, 0, Math.max(0, imageHeight - rect.height))
  return { ...rect, x, y }
}

/**
 * `rect` with the edges that `handle` holds moved to `point` (clamped to the image). Dragging an edge past the
 * opposite one flips the box rather than giving it a negative size.
 */
export function resizeTo(rect: Rect, handle: Handle, point: Point, imageWidth: number, imageHeight: number): Rect {
  const px = clamp(point.x, 0, imageWidth)
  const py = clamp(point.y, 0, imageHeight)
  let left = rect.x
  let top = rect.y
  let right = rect.x + rect.width
  let bottom = rect.y + rect.height
  if (handle.includes('w')) left = px
  if (handle.includes('e')) right = px
  if (handle.includes('n')) top = py
  if (handle.includes('s')) bottom = py
  return rectFromPoints({ x: left, y: top }, { x: right, y: bottom })
}

export function handlePoint(rect: Rect, handle: Handle): Point {
  const x = handle.includes('w') ? rect.x : handle.includes('e') ? rect.x + rect.width : rect.x + rect.width / 2
  const y = handle.includes('n') ? rect.y : handle.includes('s') ? rect.y + rect.height : rect.y + rect.height / 2
  return { x, y }
}

/** The handle of `rect` within `tolerance` (image px) of `point`; corners win over edges where they overlap. */
export function handleAt(rect: Rect, point: Point, tolerance: number): Handle | null {
  let best: Handle | null = null
  let bestDistance = Infinity
  for (const handle of HANDLES) {
    const at = handlePoint(rect, handle)
    const distance = Math.max(Math.abs(at.x - point.x), Math.abs(at.y - point.y))
    // Strictly closer only, so the corners (listed before the edge midpoints they share space with) are preferred.
    if (distance <= tolerance && distance < bestDistance) {
      best = handle
      bestDistance = distance
    }
  }
  return best
}

export function contains(rect: Rect, point: Point, margin = 0): boolean {
  return (
    point.x >= rect.x - margin &&
    point.x <= rect.x + rect.width + margin &&
    point.y >= rect.y - margin &&
    point.y <= rect.y + rect.height + margin
  )
}

/**
 * The box under `point`. Where boxes overlap, the smallest wins: a big box never hides the small ones drawn inside
 * it, and the big one can still be picked by its own area.
 */
export function boxAt<T extends Rect>(boxes: readonly T[], point: Point, margin = 0): T | undefined {
  let best: T | undefined
  let bestArea = Infinity
  for (const box of boxes) {
    if (!contains(box, point, margin)) continue
    const area = box.width * box.height
    if (area < bestArea) {
      best = box
      bestArea = area
    }
  }
  return best
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
