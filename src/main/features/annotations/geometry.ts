import { ApiError } from '../../../shared/api/errors'

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
