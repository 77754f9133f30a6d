import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../../../src/shared/api/errors'
import { acquireWorkspaceLock } from '../../../../src/main/platform/workspace/lock'
import { openWorkspace } from '../../../../src/main/platform/workspace/workspace'
import { REPO_ROOT, tempDir } from '../../../support/paths'

const CONTENDER = join(REPO_ROOT, 'test/main/platform/workspace/lock-contender.ts')
const CONTENDERS = 6
const ROUNDS = 25

interface Contender {
  child: ChildProcessWithoutNullStreams
  lines: Interface
  next(): Promise<string>
}

function startContender(file: string): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER, file], { cwd: REPO_ROOT })
  const lines = createInterface({ input: child.stdout })
  const queue: string[] = []
  const waiting: ((line: string) => void)[] = []
  lines.on('line', (line) => (waiting.length ? waiting.shift()!(line) : queue.push(line)))
  const exited = new Promise<string>((resolve) => child.once('exit', (code) => resolve(`exited ${code}`)))
  return {
    child,
    lines,
    next: () => Promise.race([exited, queue.length ? Promise.resolve(queue.shift()!) : new Promise<string>((r) => waiting.push(r))]),
  }
}

const running: Contender[] = []
afterEach(() => {
  for (const contender of running.splice(0)) contender.child.kill('SIGKILL')
})

/** A lock as Loupe writes it, for a process that is not the one it names. */
function writeLock(file: string, owner: { pid: number; startTime: string | null; host?: string }): void {
  const bootId = existsSync('/proc/sys/kernel/random/boot_id') ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() : null
  const lock = { pid: owner.pid, host: owner.host ?? hostname(), bootId, startTime: owner.startTime, since: new Date().toISOString(), token: randomBytes(16).toString('hex') }
  writeFileSync(file, JSON.stringify(lock))
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot. */
function processStartTime(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!
}

function refusal(open: () => unknown): ApiError {
  try {
    open()
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected the workspace to be refused')
}

describe('workspace lock', () => {
  it(`lets exactly one of ${CONTENDERS} processes that start together have the workspace, ${ROUNDS} rounds in a row`, async () => {
    const dir = await tempDir()
    const file = join(dir, 'loupe.lock')
    running.push(...Array.from({ length: CONTENDERS }, () => startContender(file)))
    expect(await Promise.all(running.map((contender) => contender.next()))).toEqual(Array(CONTENDERS).fill('ready'))
    for (let round = 0; round < ROUNDS; round++) {
      // Every other round starts from a lock whose holder is gone (no process has that id), as after a crash.
      const stale = round % 2 === 1
      if (stale) writeLock(file, { pid: 2 ** 31 - 2, startTime: null })
      const start = join(dir, `start-${round}`)
      for (const contender of running) contender.child.stdin.write(`arm ${start}\n`)
      expect(await Promise.all(running.map((contender) => contender.next()))).toEqual(Array(CONTENDERS).fill('armed'))
      writeFileSync(start, '')
      const answers = await Promise.all(running.map((contender) => contender.next()))
      const winners = answers.filter((answer) => answer.startsWith('won'))
      expect({ round, winners }).toEqual({ round, winners: [stale ? 'won-stale' : 'won'] })
      expect(answers.filter((answer) => !answer.startsWith('won'))).toEqual(Array(CONTENDERS - 1).fill('lost workspace_locked'))
      const winner = running[answers.findIndex((answer) => answer.startsWith('won'))]!
      winner.child.stdin.write('release\n')
      expect(await winner.next()).toBe('released')
      expect(existsSync(file)).toBe(false)
      rmSync(start)
    }
  })

  it.runIf(process.platform === 'linux')('takes over a lock whose process id now belongs to another process', async () => {
    const dir = await tempDir()
    // Our parent is alive, but it is not the process that wrote this lock: that one started at another time.
    writeLock(join(dir, 'loupe.lock'), { pid: process.ppid, startTime: String(Number(processStartTime(process.ppid)) + 1) })
    const lock = acquireWorkspaceLock(join(dir, 'loupe.lock'))
    expect(lock.tookOverStale).toBe(true)
    lock.release()
    expect(existsSync(join(dir, 'loupe.lock'))).toBe(false)
  })

  it.runIf(process.platform === 'linux')('refuses a lock held by a live process and says which file to delete, and when', async () => {
    const dir = await tempDir()
    const file = join(dir, 'loupe.lock')
    writeLock(file, { pid: process.ppid, startTime: processStartTime(process.ppid) })
    const error = refusal(() => openWorkspace(dir))
    expect(error.code).toBe('workspace_locked')
    expect(error.message).toContain(`already open in another Loupe (process ${process.ppid}`)
    expect(error.message).toContain(`If no Loupe is running on this computer, delete ${file}`)
    expect(readFileSync(file, 'utf8')).toContain(`"pid":${process.ppid}`)
  })

  it('respects a lock from another computer and names it', async () => {
    const dir = await tempDir()
    const file = join(dir, 'loupe.lock')
    writeLock(file, { pid: 1234, startTime: null, host: 'elsewhere.example' })
    const error = refusal(() => openWorkspace(dir))
    expect(error.message).toContain('process 1234 on elsewhere.example')
    expect(error.message).toContain(`If Loupe is not running on elsewhere.example, delete ${file}`)
  })

  it('says in words why a folder cannot hold a workspace', async () => {
    const plain = join(await tempDir(), 'notes.txt')
    writeFileSync(plain, 'a file')
    expect(() => openWorkspace(join(plain, 'ws'))).toThrow(
      `Could not create the workspace folder ${join(plain, 'ws')}: a file stands where a folder is expected.`,
    )
  })

  it('takes over a damaged lock file (empty, or not JSON)', async () => {
    const dir = await tempDir()
    writeFileSync(join(dir, 'loupe.lock'), '')
    const lock = acquireWorkspaceLock(join(dir, 'loupe.lock'))
    expect(lock.tookOverStale).toBe(true)
    lock.release()
  })
})
