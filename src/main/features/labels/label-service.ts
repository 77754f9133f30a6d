import type { EventBus } from '../../platform/events/event-bus'
import { ApiError } from '../../../shared/api/errors'
import type { Label } from '../../../shared/api/schemas'
import type { Db } from '../../platform/storage/database'
import type { CatalogService } from '../catalog'

const HOTKEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9']

/** Label management: create, rename, recolour, assign hotkeys, merge and delete. Each call is one transaction. */
export class LabelService {
  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogService,
    private readonly events: EventBus,
  ) {}

  create(name: string, color?: string, hotkey?: string | null): Label {
    return this.changed(() => {
      if (this.idOf(name) !== undefined) throw new ApiError('conflict', `There is already a label named "${name}".`)
      const id = this.catalog.ensureLabel(name)
      if (color) this.db.prepare('UPDATE labels SET color = ? WHERE id = ?').run(color, id)
      if (hotkey) this.assignHotkey(id, hotkey)
      return this.get(id)
    })
  }

  update(id: number, changes: { name?: string; color?: string; hotkey?: string | null }): Label {
    return this.changed(() => {
      this.get(id)
      if (changes.name !== undefined) {
        const holder = this.idOf(changes.name)
        if (holder !== undefined && holder !== id) {
          throw new ApiError('conflict', `There is already a label named "${changes.name}"; merge the two instead.`)
        }
        this.db.prepare('UPDATE labels SET name = ? WHERE id = ?').run(changes.name, id)
      }
      if (changes.color !== undefined) this.db.prepare('UPDATE labels SET color = ? WHERE id = ?').run(changes.color, id)
      if (changes.hotkey !== undefined) {
        if (changes.hotkey === null) this.db.prepare('UPDATE labels SET hotkey = NULL WHERE id = ?').run(id)
        else this.assignHotkey(id, changes.hotkey)
      }
      return this.get(id)
    })
  }

  /** Everything labelled `source` becomes `target`, and `source` is gone. */
  merge(sourceId: number, targetId: number): Label {
    if (sourceId === targetId) throw new ApiError('bad_request', 'A label cannot be merged into itself.')
    return this.changed(() => {
      this.get(sourceId)
      this.get(targetId)
      this.db
        .prepare(
          `INSERT OR IGNORE INTO image_labels (image_id, label_id)
           SELECT image_id, ? FROM image_labels WHERE label_id = ?`,
        )
        .run(targetId, sourceId)
      this.db.prepare('UPDATE boxes SET label_id = ? WHERE label_id = ?').run(targetId, sourceId)
      this.db.prepare('DELETE FROM labels WHERE id = ?').run(sourceId)
      return this.get(targetId)
    })
  }

  /** Deletes the label with its tags and its boxes; the UI shows the counts and asks first. */
  remove(id: number): void {
    this.changed(() => {
      this.get(id)
      this.db.prepare('DELETE FROM boxes WHERE label_id = ?').run(id)
      this.db.prepare('DELETE FROM labels WHERE id = ?').run(id)
    })
  }

  /**
   * Gives the free digits 1–9 to the most boxed of `labelIds` that have no hotkey, so an imported class list can be
   * applied by key at once. Hotkeys someone already chose are left as they are; classes with no box get none.
   */
  assignFreeHotkeys(labelIds: readonly number[]): void {
    if (labelIds.length === 0) return
    this.changed(() => {
      const taken = new Set((this.db.prepare('SELECT hotkey FROM labels WHERE hotkey IS NOT NULL').all() as { hotkey: string }[]).map((row) => row.hotkey))
      const free = HOTKEYS.filter((key) => !taken.has(key))
      const wanted = new Set(labelIds)
      // Ties go to the older label, which is the one earlier in the imported file's class list.
      const ranked = (
        this.db
          .prepare(
            `SELECT l.id, count(b.id) AS boxes FROM labels l JOIN boxes b ON b.label_id = l.id
             WHERE l.hotkey IS NULL GROUP BY l.id ORDER BY boxes DESC, l.id`,
          )
          .all() as { id: number }[]
      ).filter((row) => wanted.has(row.id))
      const give = this.db.prepare('UPDATE labels SET hotkey = ? WHERE id = ?')
      ranked.slice(0, free.length).forEach((row, index) => give.run(free[index], row.id))
    })
  }

  /** One transaction, announced once it is committed. */
  private changed<T>(write: () => T): T {
    const result = this.db.transaction(write)()
    this.events.emit('catalog.changed', { reason: 'labels' })
    return result
  }

  private assignHotkey(id: number, hotkey: string): void {
    // A hotkey belongs to one label; giving it to another takes it away from the first.
    this.db.prepare('UPDATE labels SET hotkey = NULL WHERE hotkey = ? AND id <> ?').run(hotkey, id)
    this.db.prepare('UPDATE labels SET hotkey = ? WHERE id = ?').run(hotkey, id)
  }

  private idOf(name: string): number | undefined {
    // Names that differ only in letter case would read as the same label in every export and in the UI.
    const row = this.db.prepare('SELECT id FROM labels WHERE name = ? COLLATE NOCASE').get(name) as { id: number } | undefined
    return row?.id
  }

  private get(id: number): Label {
    const label = this.catalog.listLabels().find((candidate) => candidate.id === id)
    if (!label) throw new ApiError('not_found', `There is no label ${id}.`)
    return label
  }
}
