import type { Region } from '../../../shared/api/schemas'
import type { Size } from './region'

/** Percentages of the frame the box covers, as CSS left/top/width/height. */
export interface Placement {
  left: number
  top: number
  width: number
  height: number
}

/**
 * Where a box in image pixels falls in a frame showing that image. 'fill': the frame is the picture (the region
 * picker's stage). 'contain': the frame is square and the picture is fitted inside it, centred (a thumbnail tile), so
 * the box is placed within the picture's part of the frame, not the letterbox around it.
 */
export function placeInFrame(region: Region, image: Size, fit: 'fill' | 'contain'): Placement {
  const longest = Math.max(image.width, image.height)
  const shown = fit === 'fill' ? { width: 1, height: 1 } : { width: image.width / longest, height: image.height / longest }
  const offset = { x: (1 - shown.width) / 2, y: (1 - shown.height) / 2 }
  return {
    left: (offset.x + (region.x / image.width) * shown.width) * 100,
    top: (offset.y + (region.y / image.height) * shown.height) * 100,
    width: (region.width / image.width) * shown.width * 100,
    height: (region.height / image.height) * shown.height * 100,
  }
}
