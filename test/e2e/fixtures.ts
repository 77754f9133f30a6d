import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { test as base } from '@playwright/test'
import { LibraryPage } from './libraryPage'

const REPO_ROOT = resolve(import.meta.dirname, '..', '..')
/** Read-only test data kept beside the checkout. */
export const SHARED_DATA = resolve(REPO_ROOT, '..', 'shared', 'data')
const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer')
const HOST_START_TIMEOUT_MS = 30_000

interface RunningHost {
  url: string
}

interface Fixtures {
  host: RunningHost
  library: LibraryPage
}

/** Every test gets its own host on a fresh, empty workspace, and the library page opened on it. */
export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from this destructuring; the host depends on none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npm run build')
    const workspaceDir = await mkdtemp(join(tmpdir(), 'loupe-e2e-'))
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [join(import.meta.dirname, 'hostProcess.ts'), workspaceDir, RENDERER_DIR], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    // A host that dies mid-test leaves the page showing "Connection lost" until the test times out; name the exit so
    // the failure says what happened (a signal here means a native crash or the OOM killer).
    let stopping = false
    child.once('exit', (code, signal) => {
      if (!stopping) console.error(`The Node host exited during the test: code ${code}, signal ${signal}`)
    })
    try {
      await use(await hostStarted(child))
    } finally {
      stopping = true
      await stop(child)
      await rm(workspaceDir, { recursive: true, force: true })
    }
  },
  library: async ({ page, host }, use) => {
    await page.goto(host.url)
    const library = new LibraryPage(page)
    await library.ready()
    await use(library)
  },
})

function hostStarted(child: ChildProcess): Promise<RunningHost> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error('The Node host did not start in time')), HOST_START_TIMEOUT_MS)
    child.once('exit', (code) => reject(new Error(`The Node host exited with code ${code} before it was ready`)))
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer)
      resolvePromise(JSON.parse(line) as RunningHost)
    })
  })
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise())
    child.kill('SIGTERM')
  })
}

export { expect } from '@playwright/test'
