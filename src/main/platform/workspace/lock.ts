import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { ApiError } from '../../../shared/api/errors'

interface LockOwner {
  pid: number
  host: string
  since: string
}

export interface WorkspaceLock {
  /** True when the previous owner died without releasing it: the catalogue deserves an integrity check. */
  readonly tookOverStale: boolean
  release(): void
}

/** One Loupe process per workspace: two writers would fight over jobs and caches even though SQLite itself copes. */
export function acquireWorkspaceLock(file: string): WorkspaceLock {
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
  let tookOverStale = false
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: 'wx' })
      return { tookOverStale, release: () => releaseIfOurs(file, me) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = readOwner(file)
    if (owner && isAlive(owner)) {
      const where = owner.host === me.host ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`
      throw new ApiError(
        'workspace_locked',
        `This workspace is already open in another Loupe (${where}, since ${owner.since}). Close that one first, ` +
          `or choose another workspace folder.`,
      )
    }
    unlinkSync(file)
    tookOverStale = true
  }
  throw new ApiError('workspace_locked', `Could not lock the workspace (${file}); another Loupe is starting.`)
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : null
  } catch {
    return null
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock from another machine (a shared folder) cannot be checked, so it is respected.
  if (owner.host !== hostname()) return true
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function releaseIfOurs(file: string, me: LockOwner): void {
  const owner = readOwner(file)
  if (owner?.pid === me.pid && owner.since === me.since) unlinkSync(file)
}
