import { createHash } from 'node:crypto'
import { existsSync, linkSync, mkdirSync, readFileSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { ApiError } from '../../../shared/api/errors'
import { currentOwner, ownerIsAlive, parseOwner, type LockOwner } from './lock-owner'

export interface WorkspaceLock {
  /** True when the previous owner died without releasing it: the catalogue deserves an integrity check. */
  readonly tookOverStale: boolean
  release(): void
}

/** How long to keep trying while other processes are taking over the same stale lock; they need milliseconds. */
const CONTENTION_LIMIT_MS = 5_000
/** Filesystems without hard links (FAT, some network shares) answer link() with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK'])

/**
 * One Loupe process per workspace: two writers would fight over jobs and caches even though SQLite itself copes.
 *
 * The lock file names its owner (pid, start time, boot, a random token) and appears whole or not at all: it is written
 * under a private name and hard-linked into place, which fails if a lock exists, so nobody ever reads a half-written
 * lock and mistakes it for a damaged one. A stale lock (its process is gone, or its pid now belongs to another process)
 * is removed only by whoever first creates the claim folder `<lock>.<hash of its content>.takeover`, and only if the
 * lock still has that content; a lock written since then has other content and is left alone. Whoever removes a stale
 * lock leaves `<lock>.stale` behind, so the process that gets the lock next checks the catalogue.
 */
export function acquireWorkspaceLock(file: string): WorkspaceLock {
  const me = currentOwner()
  const content = JSON.stringify(me)
  const staged = `${file}.${me.token}.new`
  writeFileSync(staged, content, { flag: 'wx' })
  const giveUpAt = Date.now() + CONTENTION_LIMIT_MS
  try {
    for (;;) {
      if (publish(staged, file, content) && readContent(file) === content) {
        const tookOverStale = existsSync(staleMarker(file))
        if (tookOverStale) rmSync(staleMarker(file), { force: true })
        return { tookOverStale, release: () => releaseIfOurs(file, content) }
      }
      const seen = readContent(file)
      if (seen === null) continue
      const owner = parseOwner(seen)
      if (owner && ownerIsAlive(owner)) throw lockedBy(owner, file)
      if (removeStale(file, seen)) continue
      // Someone else is removing that stale lock: give them a moment.
      if (Date.now() > giveUpAt) throw stuck(file, seen)
      pause(2)
    }
  } finally {
    unlinkSync(staged)
  }
}

/** Puts our lock in place unless one exists. Without hard links: create-exclusive and write, checked by the caller. */
function publish(staged: string, file: string, content: string): boolean {
  try {
    linkSync(staged, file)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ''
    if (code === 'EEXIST') return false
    if (!NO_HARD_LINKS.has(code)) throw error
  }
  try {
    writeFileSync(file, content, { flag: 'wx' })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

/** Removes the lock if it still holds exactly `seen`; false when another process is at it or has already replaced it. */
function removeStale(file: string, seen: string): boolean {
  const claim = claimFolder(file, seen)
  try {
    mkdirSync(claim)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    // While we hold the claim nobody else removes a lock with this content, so what we read now is what we delete.
    if (readContent(file) !== seen) return true
    writeFileSync(staleMarker(file), '')
    unlinkSync(file)
    return true
  } finally {
    rmdirSync(claim)
  }
}

function releaseIfOurs(file: string, content: string): void {
  if (readContent(file) === content) unlinkSync(file)
}

function readContent(file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

function claimFolder(file: string, content: string): string {
  return `${file}.${createHash('sha256').update(content).digest('hex').slice(0, 16)}.takeover`
}

function staleMarker(file: string): string {
  return `${file}.stale`
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

function lockedBy(owner: LockOwner, file: string): ApiError {
  const here = owner.host === hostname()
  const who = here ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`
  const recovery = here
    ? `If no Loupe is running on this computer, delete ${file} and try again.`
    : `If Loupe is not running on ${owner.host}, delete ${file} and try again.`
  return new ApiError(
    'workspace_locked',
    `This workspace is already open in another Loupe (${who}, since ${owner.since}). Close that one first, or choose ` +
      `another workspace folder. ${recovery}`,
  )
}

function stuck(file: string, seen: string): ApiError {
  return new ApiError(
    'workspace_locked',
    `Could not lock the workspace: its lock file ${file} is left from a Loupe that has stopped, and taking it over ` +
      `did not finish. If no Loupe is running on this computer, delete ${file} and the folder ${claimFolder(file, seen)}, ` +
      `then try again.`,
  )
}
