import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src/shared/api/contract'
import { ipcChannel } from '../../src/shared/api/wire'

/**
 * Builds the main process and preload exactly as `electron-vite build` does, into a folder of its own (away from the
 * sources, as in a packaged app), and starts the bundle in plain Node with 'electron' swapped for a recording fake.
 * This catches what only the bundle can get wrong: externals, paths relative to the source tree, ESM/CJS output.
 */
const ROOT = resolve(import.meta.dirname, '../..')
let dir: string
let outDir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-built-main-'))
  outDir = join(dir, 'app', 'out')
  const { resolveConfig } = await import('electron-vite')
  const { build, mergeConfig } = await import('vite')
  const resolved = await resolveConfig({ configFile: join(ROOT, 'electron.vite.config.ts'), root: ROOT }, 'build', 'production')
  for (const target of ['main', 'preload'] as const) {
    const config = resolved.config?.[target]
    if (!config) throw new Error(`electron.vite.config.ts has no ${target} section`)
    await build(mergeConfig(config, { root: ROOT, logLevel: 'silent', build: { outDir: join(outDir, target), emptyOutDir: true } }))
  }
  mkdirSync(join(outDir, 'renderer'))
  writeFileSync(join(outDir, 'renderer', 'index.html'), '<!doctype html><title>Loupe</title><div id="root"></div>')
  // Laid out like the app Electron runs: package.json and node_modules beside out/.
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'app', 'package.json'))
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'app', 'node_modules'), 'dir')
}, 120_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

type Report = { type: string } & Record<string, any>

function start(args: string[]): { reports: Report[]; status: number | null; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', join(import.meta.dirname, 'fixtures', 'register-fake-electron.mjs'), join(outDir, 'main', 'index.js'), ...args],
    { cwd: join(dir, 'app'), encoding: 'utf8', timeout: 60_000, env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'config') } },
  )
  const reports = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Report)
  return { reports, status: result.status, stderr: result.stderr }
}

describe('built main process', () => {
  it('is ESM next to a CommonJS preload', () => {
    expect(existsSync(join(outDir, 'main', 'index.js'))).toBe(true)
    expect(existsSync(join(outDir, 'preload', 'index.cjs'))).toBe(true)
  })

  it('starts on a workspace, serves the window and the API, and closes the workspace on quit', () => {
    const workspace = join(dir, 'workspace')
    const { reports, status, stderr } = start(['--workspace', workspace])
    const of = (type: string) => reports.filter((r) => r.type === type)
    expect(of('errorBox'), stderr).toEqual([])
    expect(status, stderr).toBe(0)
    expect(of('setName')[0]?.name).toBe('Loupe')
    expect(of('schemes')[0]?.schemes).toEqual(['loupe-app', 'loupe-media'])
    expect(of('ipc').map((r) => r.channel).sort()).toEqual(CHANNELS.map(ipcChannel).sort())
    expect(of('window')[0]?.webPreferences.preload).toBe(join(outDir, 'preload', 'index.cjs'))
    expect(of('loadURL')[0]?.url).toBe('loupe-app://app/index.html')
    expect(of('page')[0]).toMatchObject({ status: 200, body: expect.stringContaining('<title>Loupe</title>') })
    expect(of('page')[0]?.csp).toContain("script-src 'self'")
    expect(of('invoke')[0]?.envelope).toMatchObject({ ok: true, value: { path: workspace } })
    expect(of('media')[0]?.status).toBe(404)
    expect(of('quitDeferred')).toHaveLength(1)
    expect(of('quit')).toHaveLength(1)
  })
})
