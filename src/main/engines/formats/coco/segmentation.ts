import type { Shape } from '../../../../shared/api/schemas'
import { compressCounts, decompressCounts } from '../../../../shared/shapes/rle'
import { shapeProblem } from '../../../../shared/shapes/shape'
import { OUTSIDE_TOLERANCE_PX, type ImageSize } from '../model'

/** COCO's segmentation: polygons, or run-length counts compressed to a string or left as a list. */
export type CocoSegmentation = number[][] | { size: [number, number]; counts: string | number[] }

/**
 * The shape a COCO `segmentation` describes, undefined when there is none (absent or `[]`), or why it cannot be one.
 * Polygons may reach OUTSIDE_TOLERANCE_PX beyond the image, as boxes may; a mask must be the image's size.
 */
export function shapeOfSegmentation(value: unknown, image: ImageSize): Shape | undefined | string {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return undefined
  let shape: Shape
  if (Array.isArray(value)) {
    if (!value.every((polygon) => Array.isArray(polygon) && polygon.every((n) => typeof n === 'number'))) {
      return '"segmentation" polygons must be lists of numbers [x1, y1, x2, y2, …]'
    }
    shape = { kind: 'polygons', polygons: value as number[][] }
  } else if (typeof value === 'object' && value !== null && 'counts' in value && 'size' in value) {
    const { size, counts } = value as { size: unknown; counts: unknown }
    if (!Array.isArray(size) || size.length !== 2 || !size.every((n) => Number.isSafeInteger(n))) {
      return '"segmentation.size" must be [height, width]'
    }
    const [height, width] = size as [number, number]
    if (typeof counts === 'string') {
      const decoded = decompressCounts(counts)
      if (!decoded) return '"segmentation.counts" is not a compressed COCO RLE string'
      shape = { kind: 'mask', rle: { size: [height, width], counts: decoded }, compressed: true }
    } else if (Array.isArray(counts) && counts.every((n) => typeof n === 'number')) {
      shape = { kind: 'mask', rle: { size: [height, width], counts: counts as number[] } }
    } else {
      return '"segmentation.counts" must be a compressed RLE string or a list of run lengths'
    }
  } else {
    return '"segmentation" must be polygons ([[x1, y1, x2, y2, …], …]) or an RLE object {size, counts}'
  }
  const problem = shapeProblem(shape, image, OUTSIDE_TOLERANCE_PX)
  return problem ? `"segmentation": ${problem}` : shape
}

/** The `segmentation` a shape is written as; `[]` for a box without one, as COCO writes boxes. */
export function segmentationOfShape(shape: Shape | undefined): CocoSegmentation | [] {
  if (!shape) return []
  if (shape.kind === 'polygons') return shape.polygons
  const { size, counts } = shape.rle
  return { size, counts: shape.compressed ? compressCounts(counts) : counts }
}
