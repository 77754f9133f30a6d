import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openCatalogDatabase, schemaVersion, type Db } from '../storage/database'
import { acquireWorkspaceLock } from './lock'

/** A workspace is a folder: the catalogue plus caches that can always be rebuilt from it and the images. */
export interface Workspace {
  readonly dir: string
  readonly db: Db
  readonly schemaVersion: number
  readonly thumbsDir: string
  readonly previewsDir: string
  /** Embedding models, verified on the way in (see ml/ModelStore). */
  readonly modelsDir: string
  close(): void
}

export function openWorkspace(dir: string): Workspace {
  const root = resolve(dir)
  mkdirSync(root, { recursive: true })
  const lock = acquireWorkspaceLock(join(root, 'loupe.lock'))
  try {
    const db = openCatalogDatabase(join(root, 'catalog.sqlite'), { verify: lock.tookOverStale })
    const thumbsDir = join(root, 'cache', 'thumbs')
    const previewsDir = join(root, 'cache', 'previews')
    mkdirSync(thumbsDir, { recursive: true })
    mkdirSync(previewsDir, { recursive: true })
    const modelsDir = join(root, 'models')
    return {
      dir: root,
      db,
      schemaVersion: schemaVersion(db),
      thumbsDir,
      previewsDir,
      modelsDir,
      close() {
        if (db.open) {
          db.pragma('optimize')
          db.close()
        }
        lock.release()
      },
    }
  } catch (error) {
    lock.release()
    throw error
  }
}
