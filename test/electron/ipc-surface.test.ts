import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLoupe, type Loupe } from '../../src/main/app/loupe'
import { EventBus } from '../../src/main/platform/events/event-bus'
import { ApiError } from '../../src/shared/api/errors'
import { forwardEvents, registerIpcHandlers, type InvokeListener } from '../../src/main/doors/shell/ipc-bridge'
import { ALLOWED_CHANNELS } from '../../src/preload/allowed-channels'
import { CHANNELS } from '../../src/shared/api/contract'
import { IPC_EVENT_CHANNEL, ipcChannel } from '../../src/shared/api/wire'

const APP_URL = 'loupe-app://app/index.html'

function recordingIpc() {
  const handlers = new Map<string, InvokeListener>()
  return {
    handlers,
    handle(channel: string, listener: InvokeListener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    },
    removeHandler(channel: string) {
      handlers.delete(channel)
    },
  }
}

describe('Electron IPC surface', () => {
  let dir: string
  let loupe: Loupe

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loupe-ipc-'))
    loupe = await openLoupe({ workspaceDir: join(dir, 'workspace') })
  })

  afterAll(async () => {
    await loupe?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('registers exactly one handler per contract channel, under its IPC name', () => {
    const ipc = recordingIpc()
    registerIpcHandlers(ipc, loupe.dispatcher)
    expect([...ipc.handlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort())
  })

  it('forwards requests to the dispatcher and answers with its envelope', async () => {
    const ipc = recordingIpc()
    registerIpcHandlers(ipc, loupe.dispatcher)
    const info = await ipc.handlers.get(ipcChannel('workspace.info'))!({ senderFrame: { url: APP_URL } }, {})
    expect(info.ok).toBe(true)
    const bad = await ipc.handlers.get(ipcChannel('catalog.getImage'))!({ senderFrame: { url: APP_URL } }, { id: 'x' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } })
  })

  it('refuses requests from a page other than the app when told who to trust', async () => {
    const ipc = recordingIpc()
    registerIpcHandlers(ipc, loupe.dispatcher, { isTrustedSender: (url) => url.startsWith('loupe-app://app/') })
    const call = ipc.handlers.get(ipcChannel('workspace.info'))!
    expect((await call({ senderFrame: { url: APP_URL } }, {})).ok).toBe(true)
    expect(await call({ senderFrame: { url: 'https://example.com/' } }, {})).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    })
    expect((await call({ senderFrame: null }, {})).ok).toBe(false)
  })

  it('runs the request check before dispatching, and dispatches nothing it refuses or fails to check', async () => {
    const ipc = recordingIpc()
    const checked: string[] = []
    registerIpcHandlers(ipc, loupe.dispatcher, {
      authorize: async (channel) => {
        checked.push(channel)
        if (channel === 'labels.create') return new ApiError('bad_request', 'Not this one.')
        if (channel === 'catalog.stats') throw new Error('checker broke')
        return null
      },
    })
    const invoke = (channel: string, payload: unknown) => ipc.handlers.get(ipcChannel(channel))!({ senderFrame: { url: APP_URL } }, payload)
    expect(await invoke('labels.create', { name: 'cat' })).toEqual({ ok: false, error: { code: 'bad_request', message: 'Not this one.' } })
    expect(loupe.catalog.listLabels()).toEqual([])
    expect(await invoke('catalog.stats', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('checker broke') } })
    expect((await invoke('workspace.info', {})).ok).toBe(true)
    expect(checked).toEqual(['labels.create', 'catalog.stats', 'workspace.info'])
  })

  it('removes its handlers again', () => {
    const ipc = recordingIpc()
    const dispose = registerIpcHandlers(ipc, loupe.dispatcher)
    dispose()
    expect(ipc.handlers.size).toBe(0)
  })

  it("lets the preload invoke exactly the contract's channels", () => {
    expect([...ALLOWED_CHANNELS].sort()).toEqual([...CHANNELS].sort())
    expect(Object.isFrozen(ALLOWED_CHANNELS)).toBe(true)
  })
})

describe('event forwarding', () => {
  it('pushes every bus event to the window on the event channel, until stopped', () => {
    const bus = new EventBus()
    const sent: Array<{ channel: string; message: unknown }> = []
    const sink = { destroyed: false, send: (channel: string, message: unknown) => sent.push({ channel, message }), isDestroyed: () => sink.destroyed }
    const stop = forwardEvents(bus, sink)
    bus.emit('catalog.changed', { reason: 'labels' })
    expect(sent).toEqual([{ channel: IPC_EVENT_CHANNEL, message: { event: 'catalog.changed', payload: { reason: 'labels' } } }])
    sink.destroyed = true
    bus.emit('catalog.changed', { reason: 'import' })
    expect(sent).toHaveLength(1)
    sink.destroyed = false
    stop()
    bus.emit('catalog.changed', { reason: 'status' })
    expect(sent).toHaveLength(1)
  })
})
