import type { Db } from '../../platform/storage/database'
import type { BoxChange, ReversibleChange } from './box-change'

/** How many edits back one image can be undone; older ones are forgotten. */
const MAX_ENTRIES_PER_IMAGE = 500

/** The per-image undo and redo stacks, stored with the annotations so they survive navigation and restarts. */
export class AnnotationHistory {
  constructor(private readonly db: Db) {}

  /** A new edit: it goes on the undo stack and empties the redo stack, as in any editor. */
  record(imageId: number, change: ReversibleChange): void {
    this.db.prepare('DELETE FROM annotation_history WHERE image_id = ? AND undone = 1').run(imageId)
    this.db
      .prepare('INSERT INTO annotation_history (image_id, forward, backward, created_at) VALUES (?, ?, ?, ?)')
      .run(imageId, JSON.stringify(change.forward), JSON.stringify(change.backward), new Date().toISOString())
    this.db
      .prepare(
        `DELETE FROM annotation_history WHERE image_id = ? AND id NOT IN
           (SELECT id FROM annotation_history WHERE image_id = ? ORDER BY id DESC LIMIT ?)`,
      )
      .run(imageId, imageId, MAX_ENTRIES_PER_IMAGE)
  }

  /** The change that undoes the latest edit, now marked undone; null when there is nothing to undo. */
  takeUndo(imageId: number): BoxChange | null {
    const row = this.db
      .prepare('SELECT id, backward FROM annotation_history WHERE image_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1')
      .get(imageId) as { id: number; backward: string } | undefined
    if (!row) return null
    this.db.prepare('UPDATE annotation_history SET undone = 1 WHERE id = ?').run(row.id)
    return JSON.parse(row.backward) as BoxChange
  }

  takeRedo(imageId: number): BoxChange | null {
    const row = this.db
      .prepare('SELECT id, forward FROM annotation_history WHERE image_id = ? AND undone = 1 ORDER BY id ASC LIMIT 1')
      .get(imageId) as { id: number; forward: string } | undefined
    if (!row) return null
    this.db.prepare('UPDATE annotation_history SET undone = 0 WHERE id = ?').run(row.id)
    return JSON.parse(row.forward) as BoxChange
  }

  state(imageId: number): { canUndo: boolean; canRedo: boolean } {
    const row = this.db
      .prepare(
        `SELECT coalesce(max(undone = 0), 0) AS canUndo, coalesce(max(undone = 1), 0) AS canRedo
         FROM annotation_history WHERE image_id = ?`,
      )
      .get(imageId) as { canUndo: number; canRedo: number }
    return { canUndo: row.canUndo === 1, canRedo: row.canRedo === 1 }
  }
}
