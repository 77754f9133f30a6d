import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../../src/shared/api/errors'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../src/main/platform/storage/migrations'
import { openWorkspace } from '../../../../src/main/platform/workspace/workspace'
import { REPO_ROOT, tempDir } from '../../../support/paths'

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

async function expectRefusal(dir: string, code: ApiError['code'], message: RegExp): Promise<void> {
  let caught: unknown
  try {
    openWorkspace(dir).close()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(ApiError)
  expect((caught as ApiError).code).toBe(code)
  expect((caught as ApiError).message).toMatch(message)
}

describe('workspace', () => {
  it('numbers its migrations 1, 2, 3… with none missing, so each runs exactly once and in order', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1))
  })

  it('creates a migrated catalogue in WAL mode with foreign keys, and reopens it', async () => {
    const dir = await tempDir()
    const first = openWorkspace(dir)
    expect(first.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(first.db.pragma('foreign_keys', { simple: true })).toBe(1)
    first.close()
    const again = openWorkspace(dir)
    expect(again.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    again.close()
  })

  it('refuses a catalogue from a newer Loupe and leaves it untouched', async () => {
    const dir = await tempDir()
    openWorkspace(dir).close()
    const file = join(dir, 'catalog.sqlite')
    const raw = new Database(file)
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    raw.close()
    const before = digest(file)
    await expectRefusal(dir, 'workspace_newer', /newer version of Loupe/)
    expect(digest(file)).toBe(before)
  })

  it('refuses a damaged file and a foreign database without changing them', async () => {
    const garbage = await tempDir()
    writeFileSync(join(garbage, 'catalog.sqlite'), 'this is not a database, just some text '.repeat(200))
    const before = digest(join(garbage, 'catalog.sqlite'))
    await expectRefusal(garbage, 'workspace_corrupt', /damaged or not a Loupe catalogue/)
    expect(digest(join(garbage, 'catalog.sqlite'))).toBe(before)

    const foreign = await tempDir()
    const other = new Database(join(foreign, 'catalog.sqlite'))
    other.pragma('application_id = 1234')
    other.exec('CREATE TABLE notes (body TEXT)')
    other.close()
    await expectRefusal(foreign, 'workspace_corrupt', /not a Loupe catalogue/)
  })

  it('refuses a workspace another process has open, and takes over a stale lock', async () => {
    const dir = await tempDir()
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${join(REPO_ROOT, 'src/main/platform/workspace/workspace.ts')}').then(({ openWorkspace }) => {
           openWorkspace(${JSON.stringify(dir)}); console.log('open'); setInterval(() => {}, 1000) })`,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()))
      await expectRefusal(dir, 'workspace_locked', /already open in another Loupe \(process \d+/)
    } finally {
      holder.kill('SIGKILL')
      await new Promise((resolve) => holder.once('exit', resolve))
    }
    // The killed holder left its lock behind; it is stale now and the workspace opens (after an integrity check).
    const reopened = openWorkspace(dir)
    reopened.close()
  })

  it('refuses a second open in the same process', async () => {
    const dir = await tempDir()
    const open = openWorkspace(dir)
    try {
      await expectRefusal(dir, 'workspace_locked', /already open/)
    } finally {
      open.close()
    }
  })
})
