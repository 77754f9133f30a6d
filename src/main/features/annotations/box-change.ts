import type { Box } from '../../../shared/api/schemas'

/**
 * One edit of an image's annotations, in a form that can be applied in either direction: boxes to put (insert or
 * overwrite, by id), boxes to remove, and optionally the image's complete tag list.
 */
export interface BoxChange {
  put?: Box[]
  remove?: number[]
  tags?: string[]
}

export interface ReversibleChange {
  forward: BoxChange
  backward: BoxChange
}
