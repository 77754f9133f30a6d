import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { expect } from 'vitest'
import { REPO_ROOT } from './paths'

export const LOUPE_BIN = join(REPO_ROOT, 'bin', 'loupe.js')

/** Runs the real `loupe` command (bin/loupe.js) in a child process and waits for it. */
export function runLoupe(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [LOUPE_BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** Runs `loupe … --json`, expecting success with nothing on standard error, and parses what it printed. */
export function loupeJson<T = unknown>(...args: string[]): T {
  const run = runLoupe(...args, '--json')
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as T
}
