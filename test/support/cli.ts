import { execFile, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect } from 'vitest'
import { REPO_ROOT } from './paths'

export const LOUPE_BIN = join(REPO_ROOT, 'bin', 'loupe.js')

const execFileAsync = promisify(execFile)

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

/**
 * runLoupe without blocking this process: for a test whose `loupe` talks to something this process serves, and for
 * long commands (training) that should not stall the test runner.
 */
export async function runLoupeAsync(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [LOUPE_BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 600_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

/** loupeJson through runLoupeAsync. */
export async function loupeJsonAsync<T = unknown>(...args: string[]): Promise<T> {
  const run = await runLoupeAsync(...args, '--json')
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as T
}
