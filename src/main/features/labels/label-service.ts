import { ApiError } from '../../../shared/api/errors'
import type { Label } from '../../../shared/api/schemas'
import type { Db } from '../../platform/storage/database'
import type { CatalogService } from '../catalog/catalog-service'

/** Class management: create, rename, recolour, assign hotkeys, merge and delete. Each call is one transaction. */
export class LabelService {
  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogService,
  ) {}

  create(name: string, color?: string, hotkey?: string | null): Label {
    return this.db.transaction(() => {
      if (this.idOf(name) !== undefined) throw new ApiError('conflict', `There is already a class named "${name}".`)
      const id = this.catalog.ensureLabel(name)
      if (color) this.db.prepare('UPDATE labels SET color = ? WHERE id = ?').run(color, id)
      if (hotkey) this.assignHotkey(id, hotkey)
      return this.get(id)
    })()
  }

  update(id: number, changes: { name?: string; color?: string; hotkey?: string | null }): Label {
    return this.db.transaction(() => {
      this.get(id)
      if (changes.name !== undefined) {
        const holder = this.idOf(changes.name)
        if (holder !== undefined && holder !== id) {
          throw new ApiError('conflict', `There is already a class named "${changes.name}"; merge the two instead.`)
        }
        this.db.prepare('UPDATE labels SET name = ? WHERE id = ?').run(changes.name, id)
      }
      if (changes.color !== undefined) this.db.prepare('UPDATE labels SET color = ? WHERE id = ?').run(changes.color, id)
      if (changes.hotkey !== undefined) {
        if (changes.hotkey === null) this.db.prepare('UPDATE labels SET hotkey = NULL WHERE id = ?').run(id)
        else this.assignHotkey(id, changes.hotkey)
      }
      return this.get(id)
    })()
  }

  /** Everything labelled `source` becomes `target`, and `source` is gone. */
  merge(sourceId: number, targetId: number): Label {
    if (sourceId === targetId) throw new ApiError('bad_request', 'A class cannot be merged into itself.')
    return this.db.transaction(() => {
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
    })()
  }

  /** Deletes the class with its tags and its boxes; the UI shows the counts and asks first. */
  remove(id: number): void {
    this.db.transaction(() => {
      this.get(id)
      this.db.prepare('DELETE FROM boxes WHERE label_id = ?').run(id)
      this.db.prepare('DELETE FROM labels WHERE id = ?').run(id)
    })()
  }

  private assignHotkey(id: number, hotkey: string): void {
    // A hotkey belongs to one class; giving it to another takes it away from the first.
    this.db.prepare('UPDATE labels SET hotkey = NULL WHERE hotkey = ? AND id <> ?').run(hotkey, id)
    this.db.prepare('UPDATE labels SET hotkey = ? WHERE id = ?').run(hotkey, id)
  }

  private idOf(name: string): number | undefined {
    return (this.db.prepare('SELECT id FROM labels WHERE name = ?').get(name) as { id: number } | undefined)?.id
  }

  private get(id: number): Label {
    const label = this.catalog.listLabels().find((candidate) => candidate.id === id)
    if (!label) throw new ApiError('not_found', `There is no class ${id}.`)
    return label
  }
}
