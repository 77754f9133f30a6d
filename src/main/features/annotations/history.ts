import type { Db } from '../../platform/storage/database'
import type { BoxChange, ReversibleChange } from './box-change'
import { StatementCache } from './statements'

/** How many edits back one image can be undone; older ones are forgotten. */
export const MAX_ENTRIES_PER_IMAGE = 500

/**
 * The per-image undo and redo stacks, stored with the annotations so they survive navigation and restarts.
 *
 * An image's entries, oldest first, are the undo stack followed by the redo stack: the undone ones (undone = 1) are
 * always its newest entries, because an edit removes them all before adding its own, undo marks the newest entry not
 * yet undone, and redo takes back the oldest undone one. The queries below lean on that to read a few index entries
 * at the edge between the two stacks instead of every entry of the image.
 */
export class AnnotationHistory {
  private readonly sql: StatementCache

  constructor(db: Db) {
    this.sql = new StatementCache(db)
  }

  /**
   * A new edit: it goes on the undo stack and empties the redo stack, as in any editor. With `prune` false the
   * caller trims the stack later (see prune), once for a whole group of edits.
   */
  record(imageId: number, change: ReversibleChange, prune = true): void {
    if (this.newest(imageId)?.undone === 1) {
      this.sql.get('DELETE FROM annotation_history WHERE image_id = ? AND undone = 1').run(imageId)
    }
    this.sql
      .get('INSERT INTO annotation_history (image_id, forward, backward, created_at) VALUES (?, ?, ?, ?)')
      .run(imageId, JSON.stringify(change.forward), JSON.stringify(change.backward), new Date().toISOString())
    if (prune) this.prune(imageId)
  }

  /** Forgets all but the image's newest MAX_ENTRIES_PER_IMAGE entries. */
  prune(imageId: number): void {
    this.sql
      .get(
        `DELETE FROM annotation_history WHERE image_id = @imageId AND id <=
           (SELECT id FROM annotation_history WHERE image_id = @imageId ORDER BY id DESC LIMIT 1 OFFSET @keep)`,
      )
      .run({ imageId, keep: MAX_ENTRIES_PER_IMAGE })
  }

  /** The change that undoes the latest edit, now marked undone; null when there is nothing to undo. */
  takeUndo(imageId: number): BoxChange | null {
    const row = this.sql
      .get('SELECT id, backward FROM annotation_history WHERE image_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1')
      .get(imageId) as { id: number; backward: string } | undefined
    if (!row) return null
    this.sql.get('UPDATE annotation_history SET undone = 1 WHERE id = ?').run(row.id)
    return JSON.parse(row.backward) as BoxChange
  }

  takeRedo(imageId: number): BoxChange | null {
    // The oldest undone entry is the one just after the newest entry not undone.
    const row = this.sql
      .get(
        `SELECT id, forward FROM annotation_history WHERE image_id = @imageId AND undone = 1 AND id >
           coalesce((SELECT id FROM annotation_history WHERE image_id = @imageId AND undone = 0 ORDER BY id DESC LIMIT 1), 0)
         ORDER BY id ASC LIMIT 1`,
      )
      .get({ imageId }) as { id: number; forward: string } | undefined
    if (!row) return null
    this.sql.get('UPDATE annotation_history SET undone = 0 WHERE id = ?').run(row.id)
    return JSON.parse(row.forward) as BoxChange
  }

  state(imageId: number): { canUndo: boolean; canRedo: boolean } {
    // Something to undo when the oldest entry is not undone; something to redo when the newest one is.
    const oldest = this.sql.get('SELECT undone FROM annotation_history WHERE image_id = ? ORDER BY id ASC LIMIT 1').get(imageId) as
      | { undone: number }
      | undefined
    return { canUndo: oldest?.undone === 0, canRedo: this.newest(imageId)?.undone === 1 }
  }

  private newest(imageId: number): { undone: number } | undefined {
    return this.sql.get('SELECT undone FROM annotation_history WHERE image_id = ? ORDER BY id DESC LIMIT 1').get(imageId) as
      | { undone: number }
      | undefined
  }
}
