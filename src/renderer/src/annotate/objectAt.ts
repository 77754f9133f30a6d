import type { Box } from '../../../shared/api/schemas'
import { rleContains } from '../../../shared/shapes/bitmap'
import { shapeArea } from '../../../shared/shapes/shape'
import { contains, type Point } from './geometry'
import { distanceToOutline, insidePolygons } from './polygonGeometry'

/**
 * The object under `point`: a plain box anywhere inside it (or within `margin` of its edge), a polygon object only
 * inside its parts (even-odd, so not in a hole) or within `margin` of its outline, a mask object only on its pixels.
 * Where objects overlap, the smallest wins, by the area it covers: a big object never hides the small ones drawn
 * inside it, and the big one can still be picked by its own area.
 */
export function objectAt<T extends Box>(objects: readonly T[], point: Point, margin = 0): T | undefined {
  let best: T | undefined
  let bestArea = Infinity
  for (const object of objects) {
    if (!contains(object, point, margin) || !onObject(object, point, margin)) continue
    const area = object.shape ? shapeArea(object.shape) : object.width * object.height
    if (area < bestArea) {
      best = object
      bestArea = area
    }
  }
  return best
}

function onObject(object: Box, point: Point, margin: number): boolean {
  const shape = object.shape
  if (!shape) return true
  if (shape.kind === 'mask') return rleContains(shape.rle, point.x, point.y)
  return insidePolygons(shape.polygons, point) || distanceToOutline(shape.polygons, point) <= margin
}
