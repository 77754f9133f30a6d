import type { Box, Shape } from '../../../shared/api/schemas'

/**
 * How an object's shape, crowd flag and carried fields sit in a `boxes` row: `shape` and `extra` are JSON text (null
 * when absent or empty), `crowd` 0 or 1. Every reader and writer of those columns goes through here.
 */
export interface ShapeColumns {
  shape: string | null
  crowd: 0 | 1
  extra: string | null
}

/** The columns of a box's shape, crowd flag and extra fields. */
export function shapeColumns(box: Pick<Box, 'shape' | 'crowd' | 'extra'>): ShapeColumns {
  return {
    shape: box.shape ? JSON.stringify(box.shape) : null,
    crowd: box.crowd ? 1 : 0,
    extra: box.extra && Object.keys(box.extra).length > 0 ? JSON.stringify(box.extra) : null,
  }
}

/** The optional fields of a box read back from its columns; absent ones are left out, not undefined. */
export function shapeFields(row: ShapeColumns): Pick<Box, 'shape' | 'crowd' | 'extra'> {
  return {
    ...(row.shape !== null && { shape: JSON.parse(row.shape) as Shape }),
    ...(row.crowd === 1 && { crowd: true }),
    ...(row.extra !== null && { extra: JSON.parse(row.extra) as Record<string, unknown> }),
  }
}

/** The SQL select list for those columns of `boxes` aliased `b`. */
export const SHAPE_SELECT = 'b.shape, b.crowd, b.extra'
