import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { test as base } from '@playwright/test'
import { ModelStore } from '../../src/main/engines/ml'
import { serveFiles } from '../support/file-server'
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

interface Options {
  /**
   * The models installed for the test's user before the app starts: 'default' (MobileNetV2 0.35, so the first-run
   * "Get an image model" step stays away), or 'none', as on a new machine.
   */
  installedModels: 'default' | 'none'
  /** A folder served on 127.0.0.1 as the host's LOUPE_MODEL_MIRROR: where known models are downloaded from. */
  modelMirrorDir: string | null
}

/** The default backbone as the shared test data holds it (read-only; the store copies it in). */
export const MODEL_DIR = resolve(REPO_ROOT, '..', 'shared', 'models', 'mobilenet-v2-0.35-224')

/** Every test gets its own host on a fresh, empty workspace, and the library page opened on it. */
export const test = base.extend<Fixtures & Options>({
  installedModels: ['default', { option: true }],
  modelMirrorDir: [null, { option: true }],
  host: async ({ installedModels, modelMirrorDir }, use) => {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npm run build')
    const root = await mkdtemp(join(tmpdir(), 'loupe-e2e-'))
    const workspaceDir = join(root, 'workspace')
    if (installedModels === 'default') await new ModelStore(join(root, 'models')).addModelFromFolder(MODEL_DIR)
    const mirror = modelMirrorDir ? await serveFiles(modelMirrorDir) : null
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [join(import.meta.dirname, 'hostProcess.ts'), workspaceDir, RENDERER_DIR], {
      cwd: REPO_ROOT,
      // Models are kept per user; each test gets a store of its own, never the machine's.
      env: { ...process.env, LOUPE_MODELS_DIR: join(root, 'models'), ...(mirror ? { LOUPE_MODEL_MIRROR: mirror.url } : {}) },
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
      await mirror?.close()
      await rm(root, { recursive: true, force: true })
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
