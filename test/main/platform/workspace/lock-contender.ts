/**
 * A process that contends for one workspace lock, for the lock race test. Reads commands on stdin:
 * "arm <file>" answers "armed", then spins until <file> exists (so that every contender sees the start at nearly the
 * same instant, closer together than pipes and the scheduler would wake them) and tries to take the lock, answering
 * "won", "won-stale" (took over a stale lock) or "lost <code>"; "release" lets go of a lock it holds and answers
 * "released". Says "ready" first.
 */
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { acquireWorkspaceLock, type WorkspaceLock } from '../../../../src/main/platform/workspace/lock'

const file = process.argv[2]!
let held: WorkspaceLock | undefined
const answer = (line: string) => process.stdout.write(`${line}\n`)

createInterface({ input: process.stdin }).on('line', (command) => {
  if (command.startsWith('arm ')) {
    const start = command.slice(4)
    answer('armed')
    while (!existsSync(start)) {
      // spin: the start file is the signal
    }
    try {
      held = acquireWorkspaceLock(file)
      answer(held.tookOverStale ? 'won-stale' : 'won')
    } catch (error) {
      answer(`lost ${(error as { code?: string }).code ?? String(error)}`)
    }
  } else if (command === 'release') {
    held?.release()
    held = undefined
    answer('released')
  }
})
answer('ready')
