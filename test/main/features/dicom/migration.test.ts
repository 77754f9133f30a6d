import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openCatalogDatabase, schemaVersion } from '../../../../src/main/platform/storage/database'
import { MIGRATIONS } from '../../../../src/main/platform/storage/migrations'
import { tempDir } from '../../../support/paths'

/** A catalogue as version 3 left it, with a row in every table that refers to an image. */
async function versionThreeCatalogue(): Promise<string> {
  const file = join(await tempDir(), 'catalog.sqlite')
  const db = new Database(file)
  db.pragma('foreign_keys = ON')
  for (const migration of MIGRATIONS.filter((m) => m.version <= 3)) db.exec(migration.sql)
  db.pragma('application_id = 1280267600')
  db.pragma('user_version = 3')
  const now = '2024-01-01T00:00:00.000Z'
  const image = db.prepare(
    `INSERT INTO images (path, file_name, content_hash, bytes, width, height, format, added_at, status)
     VALUES (?, ?, ?, 10, 4, 3, 'jpeg', ?, ?)`,
  )
  image.run('/photos/a.jpg', 'a.jpg', 'hash-a', now, 'reviewed')
  image.run('/photos/b.jpg', 'b.jpg', 'hash-b', now, 'unlabelled')
  db.prepare("INSERT INTO labels (name, color, created_at) VALUES ('cat', '#ff0000', ?)").run(now)
  db.prepare('INSERT INTO image_labels (image_id, label_id) VALUES (1, 1)').run()
  const box = db.prepare('INSERT INTO boxes (image_id, label_id, x, y, width, height, created_at, updated_at) VALUES (?, 1, 0, 0, 1, 1, ?, ?)')
  box.run(1, now, now)
  box.run(2, now, now)
  box.run(2, now, now)
  db.prepare('DELETE FROM boxes WHERE id = 3').run() // the sequence stays at 3
  db.prepare("INSERT INTO annotation_history (image_id, forward, backward, created_at) VALUES (2, '{}', '{}', ?)").run(now)
  db.prepare("INSERT INTO embeddings (model_id, image_id, content_hash, vector, created_at) VALUES ('m', 1, 'hash-a', x'0000803f', ?)").run(now)
  db.prepare(
    `INSERT INTO jobs (kind, title, state, params, created_at, updated_at) VALUES ('import', 't', 'completed', '{}', ?, ?)`,
  ).run(now, now)
  db.prepare("INSERT INTO import_items (job_id, seq, path, state, image_id) VALUES (1, 0, '/photos/a.jpg', 'added', 1)").run()
  db.prepare("INSERT INTO import_items (job_id, seq, path, state, reason) VALUES (1, 1, '/photos/c.txt', 'failed', 'text')").run()
  db.close()
  return file
}

describe('migration 4 (dicom)', () => {
  it('adds frames to images and keeps every row that refers to an image', async () => {
    const file = await versionThreeCatalogue()
    const db = openCatalogDatabase(file)
    try {
      expect(schemaVersion(db)).toBeGreaterThanOrEqual(4)
      expect(db.prepare('SELECT id, path, frame, status FROM images ORDER BY id').all()).toEqual([
        { id: 1, path: '/photos/a.jpg', frame: 0, status: 'reviewed' },
        { id: 2, path: '/photos/b.jpg', frame: 0, status: 'unlabelled' },
      ])
      expect(db.prepare('SELECT image_id, label_id FROM image_labels').all()).toEqual([{ image_id: 1, label_id: 1 }])
      expect(db.prepare('SELECT id, image_id FROM boxes ORDER BY id').all()).toEqual([
        { id: 1, image_id: 1 },
        { id: 2, image_id: 2 },
      ])
      expect(db.prepare('SELECT image_id FROM annotation_history').all()).toEqual([{ image_id: 2 }])
      expect(db.prepare('SELECT image_id FROM embeddings').all()).toEqual([{ image_id: 1 }])
      expect(db.prepare('SELECT seq, image_id, images FROM import_items ORDER BY seq').all()).toEqual([
        { seq: 0, image_id: 1, images: null },
        { seq: 1, image_id: null, images: null },
      ])
      // A new box does not reuse the id of the deleted one.
      const now = new Date().toISOString()
      const added = db
        .prepare('INSERT INTO boxes (image_id, label_id, x, y, width, height, created_at, updated_at) VALUES (1, 1, 0, 0, 1, 1, ?, ?)')
        .run(now, now)
      expect(Number(added.lastInsertRowid)).toBe(4)
      expect(db.pragma('foreign_key_check')).toEqual([])
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')

      // Frames of one file share its path; (path, frame) is what must be unique.
      const insert = db.prepare(
        `INSERT INTO images (path, frame, file_name, content_hash, bytes, width, height, format, added_at)
         VALUES ('/scans/mf.dcm', ?, 'mf.dcm', ?, 10, 4, 4, 'dicom', ?)`,
      )
      insert.run(0, 'h0', now)
      insert.run(1, 'h1', now)
      expect(() => insert.run(1, 'h2', now)).toThrow(/UNIQUE/)
      // Deleting an image still cascades to its rows.
      db.prepare('DELETE FROM images WHERE id = 1').run()
      expect(db.prepare('SELECT count(*) AS n FROM image_labels').get()).toEqual({ n: 0 })
      expect(db.prepare('SELECT count(*) AS n FROM embeddings').get()).toEqual({ n: 0 })
      expect(db.prepare('SELECT image_id FROM import_items WHERE seq = 0').get()).toEqual({ image_id: null })
    } finally {
      db.close()
    }
  })
})
