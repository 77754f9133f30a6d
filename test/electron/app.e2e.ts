import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { CHANNELS } from '../../src/shared/api/contract'
import { electronBinaryAvailable, electronBinaryPath } from './electron-binary'

/**
 * The desktop app end to end: the built app (out/, from `npm run build`) in a real Electron. Needs the Electron binary,
 * which this offline machine cannot download, and better-sqlite3 rebuilt for Electron (scripts/start-electron.js
 * --prepare-only makes it, once, where it can).
 */
const ROOT = resolve(import.meta.dirname, '../..')

test.skip(!electronBinaryAvailable(), 'Electron binary not installed: it cannot be downloaded on this offline machine')

function electronSqliteBinding(): string {
  const prepared = spawnSync(process.execPath, [join(ROOT, 'scripts/start-electron.js'), '--prepare-only'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  const line = prepared.stdout.split('\n').find((l) => l.startsWith('LOUPE_SQLITE_BINDING='))
  if (prepared.status !== 0 || !line) {
    throw new Error(`Could not prepare better-sqlite3 for Electron:\n${prepared.stdout}\n${prepared.stderr}`)
  }
  return line.slice('LOUPE_SQLITE_BINDING='.length).trim()
}

test('opens the library in one locked-down window', async () => {
  test.setTimeout(180_000)
  expect(existsSync(join(ROOT, 'out/main/index.js')), 'run `npm run build` first').toBe(true)
  const binding = electronSqliteBinding()
  const workspace = mkdtempSync(join(tmpdir(), 'loupe-e2e-'))
  const env = { ...process.env, LOUPE_SQLITE_BINDING: binding } as Record<string, string>
  delete env.ELECTRON_RUN_AS_NODE
  delete env.ELECTRON_RENDERER_URL
  const app = await electron.launch({
    executablePath: electronBinaryPath()!,
    // Chromium refuses to run as root (as in many CI containers) unless its OS sandbox is switched off.
    args: [ROOT, '--workspace', workspace, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    cwd: ROOT,
    env,
  })
  try {
    const page = await app.firstWindow()
    await expect(page).toHaveTitle(/Loupe/)
    expect(page.url()).toBe('loupe-app://app/index.html')
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getName())).toBe('Loupe')

    // The library of a fresh workspace.
    await expect(page.getByTestId('sidebar')).toBeVisible()
    await expect(page.getByTestId('empty-library')).toBeVisible()
    await expect(page.getByTestId('workspace-path')).toBeVisible()

    // The page sees the bridge and nothing of Node; the CSP forbids eval.
    const surface = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown> & { loupeBridge?: { channels: string[] } }
      let evalResult: string
      try {
        evalResult = String((0, eval)('"eval ran"'))
      } catch {
        evalResult = 'blocked'
      }
      return {
        channels: w.loupeBridge?.channels ?? null,
        require: typeof w.require,
        process: typeof w.process,
        eval: evalResult,
      }
    })
    expect(surface).toEqual({ channels: [...CHANNELS], require: 'undefined', process: 'undefined', eval: 'blocked' })

    // Exactly one window (its webPreferences are checked by test/electron/shell-main.test.ts).
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)

    // window.open is refused.
    await page.evaluate(() => {
      window.open('https://example.com/')
    })
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  } finally {
    await app.close()
    rmSync(workspace, { recursive: true, force: true })
  }
})
