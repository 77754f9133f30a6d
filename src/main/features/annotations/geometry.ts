import { ApiError } from '../../../shared/api/errors'
import type { Shape } from '../../../shared/api/schemas'
import { shapeBounds, shapeProblem } from '../../../shared/shapes/shape'

/** Boxes narrower or shorter than this, after clipping to the image, are a slip of the mouse, not an annotation. */
export const MIN_BOX_SIZE = 2

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Clips a box to the image; refuses one that is (or becomes) too small to mean anything. */
export function clipToImage(rect: Rect, imageWidth: number, imageHeight: number): Rect {
  const left = Math.max(0, rect.x)
  const top = Math.max(0, rect.y)
  const right = Math.min(imageWidth, rect.x + rect.width)
  const bottom = Math.min(imageHeight, rect.y + rect.height)
  const clipped = { x: left, y: top, width: right - left, height: bottom - top }
  if (!(clipped.width >= MIN_BOX_SIZE && clipped.height >= MIN_BOX_SIZE)) {
    throw new ApiError(
      'bad_request',
      `A box must be at least ${MIN_BOX_SIZE}×${MIN_BOX_SIZE} pixels inside the ${imageWidth}×${imageHeight} image.`,
    )
  }
  return clipped
}

/**
 * The box of a shape drawn or edited in Loupe, which must lie inside the image (a mask: be its size) and span at least
 * MIN_BOX_SIZE pixels each way; the error says what is wrong.
 */
export function shapeBox(shape: Shape, imageWidth: number, imageHeight: number): Rect {
  const problem = shapeProblem(shape, { width: imageWidth, height: imageHeight }, 0)
  if (problem) throw new ApiError('bad_request', `This shape cannot be saved: ${problem}.`)
  const bounds = shapeBounds(shape)!
  if (!(bounds.width >= MIN_BOX_SIZE && bounds.height >= MIN_BOX_SIZE)) {
    throw new ApiError('bad_request', `A shape must span at least ${MIN_BOX_SIZE}×${MIN_BOX_SIZE} pixels (this one spans ${bounds.width}×${bounds.height}).`)
  }
  return bounds
}

/**
 * Polygons carried along when their box is moved or resized: each point keeps its place relative to the box, then is
 * kept inside the image. A mask is not stretched (that would resample it); the error says to edit the mask instead.
 */
export function fitShapeToBox(shape: Shape, from: Rect, to: Rect, imageWidth: number, imageHeight: number): Shape {
  if (shape.kind === 'mask') {
    throw new ApiError('bad_request', 'A mask object is moved or resized by editing its mask, not its box.')
  }
  const scaleX = to.width / from.width
  const scaleY = to.height / from.height
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value))
  const polygons = shape.polygons.map((polygon) =>
    polygon.map((value, index) =>
      index % 2 === 0 ? clamp(to.x + (value - from.x) * scaleX, imageWidth) : clamp(to.y + (value - from.y) * scaleY, imageHeight),
    ),
  )
  return { kind: 'polygons', polygons }
}
