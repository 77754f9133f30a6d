import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/**
 * Each test file gets a temporary folder of its own, which every temporary path it makes lands in (os.tmpdir() reads
 * TMPDIR, and the CLI processes and workers it starts inherit it), removed when the file's tests end: workspaces,
 * exports and images made for a test do not pile up in the machine's /tmp run after run.
 */
const fileTemp = mkdtempSync(join(tmpdir(), 'loupe-test-file-'))
process.env.TMPDIR = fileTemp

/**
 * Models are kept once per user. Each test file gets a model store of its own (inherited by the CLI processes it
 * starts), so tests never read or write the machine's and a model one file adds is not installed in another.
 */
process.env.LOUPE_MODELS_DIR = join(fileTemp, 'models')
mkdirSync(process.env.LOUPE_MODELS_DIR)

// Registered before the file's own hooks, so it runs after them (vitest runs after-hooks as a stack).
afterAll(() => {
  rmSync(fileTemp, { recursive: true, force: true })
})
