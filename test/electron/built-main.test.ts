import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src/shared/api/contract'
import { ipcChannel } from '../../src/shared/api/wire'
import { COCO_IMAGES, SHARED_MODELS } from '../support/paths'

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

function start(args: string[], env: Record<string, string> = {}): { reports: Report[]; status: number | null; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', join(import.meta.dirname, 'fixtures', 'register-fake-electron.mjs'), join(outDir, 'main', 'index.js'), ...args],
    { cwd: join(dir, 'app'), encoding: 'utf8', timeout: 60_000, env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), ...env } },
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

const TFLITE = join(SHARED_MODELS, 'tflite', 'mobilenet_v1_1.0_224_quant_embedding_extractor.tflite')
const IMAGES = ['000000000009.jpg', '000000000025.jpg'].map((name) => join(COCO_IMAGES, name))

/** The text of a built entry and of every chunk it imports, directly or through others. */
function withImports(file: string, seen = new Map<string, string>()): Map<string, string> {
  if (seen.has(file)) return seen
  const text = readFileSync(file, 'utf8')
  seen.set(file, text)
  for (const [, relative] of text.matchAll(/(?:from|import\()\s*"(\.{1,2}\/[^"]+)"/g)) withImports(resolve(dirname(file), relative!), seen)
  return seen
}

describe('inference in the built bundle', () => {
  /**
   * Installs the .tflite model into a models folder of its own (converted on the way in), imports two images and
   * indexes them, then searches with one of them as an outside file: all through the window's IPC handlers, so the
   * embedding runs in out/main/embedding-worker.js on the backend LOUPE_BACKEND allows.
   */
  function searchWith(backend: string) {
    const calls = [
      { channel: 'models.add', payload: { path: TFLITE } },
      { channel: 'imports.start', payload: { paths: IMAGES }, job: true },
      { channel: 'search.index', payload: {}, job: true },
      { channel: 'search.similar', payload: { query: { path: IMAGES[0] }, k: 1 } },
      { channel: 'search.status', payload: {} },
    ]
    const args = ['--workspace', join(dir, `workspace-${backend}`), '--models', join(dir, `models-${backend}`)]
    const { reports, status, stderr } = start(args, { FAKE_ELECTRON_CALLS: JSON.stringify(calls), LOUPE_BACKEND: backend })
    expect(reports.filter((r) => r.type === 'errorBox'), stderr).toEqual([])
    expect(status, stderr).toBe(0)
    const reply = (channel: string) => reports.find((r) => r.type === 'call' && r.channel === channel)?.envelope
    const job = (channel: string) => reports.find((r) => r.type === 'job' && r.channel === channel)?.summary
    // The window named a file nobody had chosen: the shell asked before letting the model be read.
    expect(reports.filter((r) => r.type === 'ask').map((r) => r.detail)).toEqual([expect.stringContaining(TFLITE)])
    expect(reply('models.add')).toMatchObject({ ok: true, value: { id: 'mobilenet-v1-1.0-224', dimension: 1024, problem: null } })
    expect(existsSync(join(dir, `models-${backend}`, 'mobilenet-v1-1.0-224'))).toBe(true)
    expect(job('imports.start')).toMatchObject({ state: 'completed', result: { added: 2 } })
    expect(job('search.index')).toMatchObject({ state: 'completed', result: { embedded: 2 } })
    // The query file is one of the two indexed images, so its own embedding is the nearest.
    expect(reply('search.similar')).toMatchObject({ ok: true, value: [{ path: IMAGES[0], score: expect.closeTo(1, 4) }] })
    const searchStatus = reply('search.status')
    expect(searchStatus).toMatchObject({ ok: true, value: { modelId: 'mobilenet-v1-1.0-224', modelProblem: null, indexed: 2 } })
    expect(job('search.index').result.backend).toBe(searchStatus.value.backend)
    return searchStatus.value.backend as string
  }

  it('keeps onnxruntime-node external: the embedding worker loads it by name from node_modules', () => {
    const files = withImports(join(outDir, 'main', 'embedding-worker.js'))
    expect(files.size).toBeGreaterThan(1) // the worker's shared code is in chunks/
    const texts = [...files.values()]
    expect(texts.some((text) => /import\("onnxruntime-node"\)|from "onnxruntime-node"/.test(text))).toBe(true)
    // Bundled package code would bring its file paths (the bundler's source comments) and the binding's file name.
    expect(texts.filter((text) => text.includes('node_modules/onnxruntime') || text.includes('onnxruntime_binding'))).toEqual([])
  })

  it('adds a .tflite model, indexes and searches with an outside file on onnxruntime', () => {
    expect(searchWith('onnxruntime')).toMatch(/^onnxruntime \d+\.\d+\.\d+ \(native CPU/)
  }, 60_000)

  it('finds the TensorFlow.js wasm binaries from the bundle when LOUPE_BACKEND=wasm', () => {
    expect(searchWith('wasm')).toMatch(/^wasm \(/)
  }, 60_000)
})
