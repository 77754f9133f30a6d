import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openCatalogDatabase, schemaVersion } from '../../../../src/main/platform/storage/database'
import { MIGRATIONS } from '../../../../src/main/platform/storage/migrations'
import { tempDir } from '../../../support/paths'

describe('migration 18 (anomaly models of two backbones)', () => {
  it('lists the one backbone of each version learnt before', async () => {
    const file = join(await tempDir(), 'catalog.sqlite')
    const before = new Database(file)
    for (const migration of MIGRATIONS.filter((m) => m.version <= 17)) before.exec(migration.sql)
    before.pragma('application_id = 1280267600')
    before.pragma('user_version = 17')
    before
      .prepare(
        `INSERT INTO anomaly_models (id, name, version, created_at, backbone_id, good_images, held_out_images, patches, threshold, held_out_scores)
         VALUES (1, 'line 1', 1, '2026-01-01T00:00:00.000Z', 'mobilenet-v1-1.0-224', 20, 4, 900, 3.2, '[2.5,2.7,2.9,3.0]')`,
      )
      .run()
    before.close()

    const db = openCatalogDatabase(file)
    try {
      expect(schemaVersion(db)).toBeGreaterThanOrEqual(18)
      expect(db.prepare('SELECT backbone_id, backbone_ids, threshold FROM anomaly_models').all()).toEqual([
        { backbone_id: 'mobilenet-v1-1.0-224', backbone_ids: '["mobilenet-v1-1.0-224"]', threshold: 3.2 },
      ])
    } finally {
      db.close()
    }
  })
})
