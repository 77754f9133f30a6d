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
