import type { Db } from '../../platform/storage/database'

const KEY = 'search.model'

/** Which backbone the workspace embeds with, kept in the catalogue's settings, so the app, host and CLI agree. */
export class ModelSetting {
  constructor(private readonly db: Db) {}

  /** The chosen model's id; null until one is chosen. */
  get(): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined
    return row?.value ?? null
  }

  set(modelId: string): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(KEY, modelId)
  }
}
