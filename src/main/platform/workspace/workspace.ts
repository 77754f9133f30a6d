import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openCatalogDatabase, schemaVersion, type Db } from '../storage/database'
import { ApiError } from '../../../shared/api/errors'
import { fsErrorSentence, isErrnoException } from '../fs/fs-errors'
import { acquireWorkspaceLock } from './lock'

/** A workspace is a folder: the catalogue plus caches that can always be rebuilt from it and the images. */
export interface Workspace {
  readonly dir: string
  readonly db: Db
  readonly schemaVersion: number
  readonly thumbsDir: string
  readonly previewsDir: string
  /** Where models were kept before they moved to the user's model folder; adopted from there on open. */
  readonly legacyModelsDir: string
  close(): void
}

export function openWorkspace(dir: string): Workspace {
  const root = resolve(dir)
  const lock = inWords('create the workspace folder', root, () => {
    mkdirSync(root, { recursive: true })
    return acquireWorkspaceLock(join(root, 'loupe.lock'))
  })
  try {
    const db = openCatalogDatabase(join(root, 'catalog.sqlite'), { verify: lock.tookOverStale })
    const thumbsDir = join(root, 'cache', 'thumbs')
    const previewsDir = join(root, 'cache', 'previews')
    mkdirSync(thumbsDir, { recursive: true })
    mkdirSync(previewsDir, { recursive: true })
    return {
      dir: root,
      db,
      schemaVersion: schemaVersion(db),
      thumbsDir,
      previewsDir,
      legacyModelsDir: join(root, 'models'),
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

/** A folder that cannot be made or written (a file in the way, no permission, a read-only disk) is said in words. */
function inWords<T>(action: string, path: string, step: () => T): T {
  try {
    return step()
  } catch (error) {
    const fromSystem = isErrnoException(error) && !(error instanceof ApiError)
    throw fromSystem ? new Error(fsErrorSentence(error, action, path), { cause: error }) : error
  }
}
