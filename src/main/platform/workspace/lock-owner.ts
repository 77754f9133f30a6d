import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'

/** What a lock file says about the process holding it. */
export interface LockOwner {
  pid: number
  host: string
  /** Linux's boot id: a lock from before a reboot is stale whatever its pid. Null elsewhere. */
  bootId: string | null
  /** When the process started (Linux: clock ticks after boot, from /proc), telling it from a later one with its pid. */
  startTime: string | null
  since: string
  /** Makes every lock file's content unique, so "is this still the lock I saw?" is a comparison of contents. */
  token: string
}

export function currentOwner(): LockOwner {
  return {
    pid: process.pid,
    host: hostname(),
    bootId: readBootId(),
    startTime: processStartTime(process.pid),
    since: new Date().toISOString(),
    token: randomBytes(16).toString('hex'),
  }
}

/** The owner a lock file names, or null when it is damaged. Locks written before start times were recorded still read. */
export function parseOwner(content: string): LockOwner | null {
  try {
    const owner = JSON.parse(content) as Partial<LockOwner>
    if (typeof owner.pid !== 'number' || !Number.isInteger(owner.pid) || owner.pid <= 0) return null
    if (typeof owner.host !== 'string') return null
    return {
      pid: owner.pid,
      host: owner.host,
      bootId: typeof owner.bootId === 'string' ? owner.bootId : null,
      startTime: typeof owner.startTime === 'string' ? owner.startTime : null,
      since: typeof owner.since === 'string' ? owner.since : 'an unknown time',
      token: typeof owner.token === 'string' ? owner.token : '',
    }
  } catch {
    return null
  }
}

/**
 * Whether the process that wrote the lock still runs. A pid alone can be reused by an unrelated process after a crash,
 * so where the system tells (Linux) the boot and the process's start time must match too; elsewhere a live pid counts.
 * A lock from another computer (a shared folder) cannot be checked, so it is respected.
 */
export function ownerIsAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true
  const boot = readBootId()
  if (owner.bootId !== null && boot !== null && owner.bootId !== boot) return false
  try {
    process.kill(owner.pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  if (owner.startTime === null) return true
  const started = processStartTime(owner.pid)
  return started === null || started === owner.startTime
}

function readBootId(): string | null {
  if (process.platform !== 'linux') return null
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null
  } catch {
    return null
  }
}

/** Field 22 of /proc/<pid>/stat. The command name (field 2) may hold spaces and parentheses, so count from its end. */
function processStartTime(pid: number): string | null {
  if (process.platform !== 'linux') return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}
