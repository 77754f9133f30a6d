import type { Db } from '../../platform/storage/database'

/** An image the active detector is least sure about: its best box, and how unsure that box is (0 to 1). */
export interface UnsureImage {
  imageId: number
  label: string
  score: number
  /** 1 for a best score of 0.5, falling to 0 at 0 and 1. */
  uncertainty: number
}

/**
 * Unlabelled images (present, no tag, no box) on which the active detector's best stored box (on the current file) is
 * nearest a coin toss, score 0.5: a box the detector half believes in is the one a person's answer teaches it most.
 * Images it found nothing on at all are not here: with no box there is nothing it is unsure of.
 */
export function leastSureImages(db: Db, limit: number): UnsureImage[] {
  const rows = db
    .prepare(
      `SELECT d.image_id AS imageId, d.label, max(d.score) AS score
       FROM detections d JOIN detectors m ON m.id = d.detector_id AND m.active = 1 JOIN images i ON i.id = d.image_id
       WHERE d.content_hash = i.content_hash AND i.missing = 0
         AND NOT EXISTS (SELECT 1 FROM image_labels il WHERE il.image_id = i.id)
         AND NOT EXISTS (SELECT 1 FROM boxes b WHERE b.image_id = i.id)
       GROUP BY d.image_id
       ORDER BY abs(max(d.score) - 0.5), d.image_id
       LIMIT ?`,
    )
    .all(limit) as { imageId: number; label: string; score: number }[]
  return rows.map((row) => ({ ...row, uncertainty: 1 - Math.abs(2 * row.score - 1) }))
}
