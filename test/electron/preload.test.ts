import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { LoupeBridge } from '../../src/shared/api/bridge'
import { CHANNELS } from '../../src/shared/api/contract'
import { IPC_EVENT_CHANNEL } from '../../src/shared/api/wire'

type Listener = (...args: unknown[]) => void

/** The renderer-side 'electron' API the preload uses, recording what it is asked. */
function fakeRendererElectron() {
  const exposed = new Map<string, unknown>()
  const listeners = new Map<string, Set<Listener>>()
  const invoke = vi.fn(async (channel: string, payload: unknown) => ({ ok: true, value: { channel, payload } }))
  const module = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke,
      on(channel: string, listener: Listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)!.add(listener)
      },
      removeListener(channel: string, listener: Listener) {
        listeners.get(channel)?.delete(listener)
      },
    },
    webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
  }
  const emit = (channel: string, message: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({}, message)
  }
  return { module, exposed, invoke, emit, listeners }
}

async function checkBridge(bridge: LoupeBridge, electron: ReturnType<typeof fakeRendererElectron>) {
  expect([...bridge.channels].sort()).toEqual([...CHANNELS].sort())
  await expect(bridge.invoke('workspace.info', {})).resolves.toMatchObject({ ok: true })
  expect(electron.invoke).toHaveBeenCalledWith('loupe:workspace.info', {})
  await expect(bridge.invoke('evil.channel', {})).rejects.toThrow(/Unknown Loupe API channel/)
  await expect(bridge.invoke('event', {})).rejects.toThrow()
  expect(electron.invoke).toHaveBeenCalledTimes(1)

  const seen: Array<[string, unknown]> = []
  const stop = bridge.onEvent((event, payload) => seen.push([event, payload]))
  electron.emit(IPC_EVENT_CHANNEL, { event: 'catalog.changed', payload: { reason: 'labels' } })
  electron.emit(IPC_EVENT_CHANNEL, 'garbage')
  stop()
  electron.emit(IPC_EVENT_CHANNEL, { event: 'catalog.changed', payload: { reason: 'import' } })
  expect(seen).toEqual([['catalog.changed', { reason: 'labels' }]])
  expect(electron.listeners.get(IPC_EVENT_CHANNEL)?.size ?? 0).toBe(0)

  expect(bridge.pathForFile({ name: 'a.png' } as File)).toBe('/dropped/a.png')
}

describe('preload (source)', () => {
  it('exposes only window.loupeBridge, invoking only contract channels', async () => {
    const electron = fakeRendererElectron()
    vi.doMock('electron', () => electron.module)
    await import('../../src/preload/index')
    expect([...electron.exposed.keys()]).toEqual(['loupeBridge'])
    await checkBridge(electron.exposed.get('loupeBridge') as LoupeBridge, electron)
    vi.doUnmock('electron')
  })
})

describe('preload (built bundle)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'loupe-preload-'))
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  it('is one CommonJS file that needs nothing but electron, with the channel list inlined', async () => {
    // Build the preload exactly as `electron-vite build` does, from the project's config, into a temp folder.
    const { resolveConfig } = await import('electron-vite')
    const { build, mergeConfig } = await import('vite')
    const root = resolve(import.meta.dirname, '../..')
    const resolved = await resolveConfig({ configFile: join(root, 'electron.vite.config.ts'), root }, 'build', 'production')
    const preload = resolved.config?.preload
    expect(preload).toBeDefined()
    await build(mergeConfig(preload!, { root, logLevel: 'silent', build: { outDir, emptyOutDir: true } }))

    const code = readFileSync(join(outDir, 'index.cjs'), 'utf8')
    expect(code.length).toBeLessThan(10_000) // no zod, no schemas
    const required: string[] = []
    const electron = fakeRendererElectron()
    const module = { exports: {} }
    runInNewContext(code, {
      module,
      exports: module.exports,
      require: (id: string) => {
        required.push(id)
        if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`)
        return electron.module
      },
      Promise,
      Error,
      Set,
      Object,
      Array,
      String,
    })
    expect(required).toEqual(['electron'])
    await checkBridge(electron.exposed.get('loupeBridge') as LoupeBridge, electron)
  })
})
