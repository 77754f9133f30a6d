import Database from 'better-sqlite3'
import { ApiError } from '../../../shared/api/errors'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations'
import { registerNaturalKey } from './natural-order'

export type Db = Database.Database

/** Marks a SQLite file as a Loupe catalogue ("LOUP"), so another program's database is refused rather than altered. */
const APPLICATION_ID = 0x4c4f5550

export interface OpenCatalogOptions {
  /** Run a full integrity check first: worth its cost after an unclean shutdown. */
  verify?: boolean
}

/**
 * Opens (creating if needed) and migrates a catalogue. Everything that could refuse the file is checked before the
 * first write, so a catalogue from a newer Loupe, a foreign database or a damaged file is left exactly as it was.
 */
export function openCatalogDatabase(file: string, options: OpenCatalogOptions = {}): Db {
  const db = new Database(file, electronBinding())
  try {
    const { applicationId, version } = readIdentity(db, file)
    if (applicationId !== 0 && applicationId !== APPLICATION_ID) {
      throw new ApiError('workspace_corrupt', `${file} is an SQLite database, but not a Loupe catalogue.`)
    }
    if (version > LATEST_SCHEMA_VERSION) {
      throw new ApiError(
        'workspace_newer',
        `${file} was made by a newer version of Loupe (catalogue schema ${version}; this version knows up to ` +
          `${LATEST_SCHEMA_VERSION}). Update Loupe to open it; nothing was changed.`,
      )
    }
    if (options.verify) verifyIntegrity(db, file)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // A 100k-image catalogue is ~45 MB; the default 16 MB cache makes every wide scan go back to the OS.
    db.pragma('cache_size = -65536')
    registerNaturalKey(db)
    migrate(db, version)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

function readIdentity(db: Db, file: string): { applicationId: number; version: number } {
  try {
    return {
      applicationId: db.pragma('application_id', { simple: true }) as number,
      version: db.pragma('user_version', { simple: true }) as number,
    }
  } catch (error) {
    throw new ApiError(
      'workspace_corrupt',
      `${file} cannot be read as a catalogue (${(error as Error).message}). It is damaged or not a Loupe catalogue; ` +
        'nothing was changed. Restore it from a backup or choose another workspace folder.',
    )
  }
}

function verifyIntegrity(db: Db, file: string): void {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[]
  if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') {
    const problems = rows.map((row) => row.integrity_check).slice(0, 3).join('; ')
    throw new ApiError(
      'workspace_corrupt',
      `${file} failed its integrity check (${problems}). Nothing was changed; restore it from a backup.`,
    )
  }
}

function migrate(db: Db, fromVersion: number): void {
  for (const migration of MIGRATIONS) {
    if (migration.version <= fromVersion) continue
    db.transaction(() => {
      db.exec(migration.sql)
      db.pragma(`application_id = ${APPLICATION_ID}`)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}

/** Under Electron, better-sqlite3 must be the copy rebuilt for Electron's ABI (see scripts/start-electron.js). */
function electronBinding(): Database.Options {
  const binding = process.env.LOUPE_SQLITE_BINDING
  return process.versions.electron && binding ? { nativeBinding: binding } : {}
}
