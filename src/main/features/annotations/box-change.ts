import type { Box, Measurement } from '../../../shared/api/schemas'

/**
 * One edit of an image's annotations, in a form that can be applied in either direction: boxes and measurements to
 * put (insert or overwrite, by id), boxes and measurements to remove, and optionally the image's complete tag list.
 * Entries recorded before measurements existed simply lack their fields.
 */
export interface BoxChange {
  put?: Box[]
  remove?: number[]
  putMeasurements?: Measurement[]
  removeMeasurements?: number[]
  tags?: string[]
}

export interface ReversibleChange {
  forward: BoxChange
  backward: BoxChange
}
