import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openLoupe } from '../../src/main/app/loupe'
import { CHANNELS } from '../../src/shared/api/contract'
import { ipcChannel } from '../../src/shared/api/wire'
import { fake, FakeWebContents } from './fake-electron'

// Runs the real Electron entry point (src/main/index.ts) against a recording fake of the 'electron' module.
vi.mock('electron', async () => (await import('./fake-electron')).fake.module)

const APP_URL = 'loupe-app://app/index.html'
let dir: string
let workspaceDir: string
const argv = process.argv

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-shell-'))
  workspaceDir = join(dir, 'workspace')
  process.argv = ['electron', '.', '--workspace', workspaceDir]
  await import('../../src/main/index')
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 })
})

afterAll(() => {
  process.argv = argv
  rmSync(dir, { recursive: true, force: true })
})

const firstWindow = () => fake.windows[0]!

describe('Electron entry point', () => {
  it('names the app and registers its schemes before the app is ready', () => {
    expect(fake.app.setName).toHaveBeenCalledWith('Loupe')
    expect(fake.order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fake.order.indexOf('whenReady'))
    const schemes = fake.module.protocol.registerSchemesAsPrivileged.mock.calls[0] as unknown as [
      Array<{ scheme: string; privileges: Record<string, boolean> }>,
    ]
    expect(schemes[0].map((s) => s.scheme).sort()).toEqual(['loupe-app', 'loupe-media'])
    for (const s of schemes[0]) expect(s.privileges).toMatchObject({ standard: true, secure: true })
  })

  it('opens one locked-down window on the app scheme with the CommonJS preload', () => {
    const window = firstWindow()
    expect(window.loadedUrl).toBe(APP_URL)
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    expect(window.options.webPreferences.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/)
  })

  it('bridges every contract channel over IPC, for the app page only', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort())
    const info = fake.ipcHandlers.get(ipcChannel('workspace.info'))!
    expect(await info({ senderFrame: { url: APP_URL } }, {})).toMatchObject({ ok: true })
    expect(await info({ senderFrame: { url: 'https://example.com/' } }, {})).toMatchObject({ ok: false })
  })

  it('serves media by id and the renderer with its policy', async () => {
    const media = fake.protocolHandlers.get('loupe-media')!
    expect((await media(new Request('loupe-media://media/thumb/999999'))).status).toBe(404)
    expect((await media(new Request('loupe-media://media/../../etc/passwd'))).status).toBe(404)
    const app = fake.protocolHandlers.get('loupe-app')!
    const page = await app(new Request(APP_URL))
    // Under vitest the entry point sits in src/main, so "../renderer" is the renderer's source folder.
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
  })

  it('adds the policy to every response and refuses every permission', () => {
    const callback = vi.fn()
    fake.session.headersListener!({ responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, callback)
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>
    expect(headers['Content-Security-Policy']![0]).toContain("default-src 'self'")
    expect(headers['content-security-policy']).toBeUndefined()
    expect(headers['X-Other']).toEqual(['1'])
    const decide = vi.fn()
    fake.session.permissionRequestHandler!({}, 'media', decide)
    expect(decide).toHaveBeenCalledWith(false)
    expect(fake.session.permissionCheckHandler!({}, 'notifications')).toBe(false)
  })

  it('denies new windows, webviews and navigation away from the app', () => {
    const contents = new FakeWebContents()
    fake.app.emit('web-contents-created', {}, contents)
    expect(contents.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    const attempt = (event: string, url: string) => {
      const preventDefault = vi.fn()
      contents.emit(event, { preventDefault, url, isMainFrame: false }, url)
      return preventDefault.mock.calls.length > 0
    }
    expect(attempt('will-navigate', 'https://example.com/')).toBe(true)
    expect(attempt('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(attempt('will-redirect', 'https://example.com/')).toBe(true)
    expect(attempt('will-frame-navigate', 'https://example.com/')).toBe(true)
    expect(attempt('will-navigate', `${APP_URL}#/library`)).toBe(false)
    expect(attempt('will-attach-webview', 'https://example.com/')).toBe(true)
  })

  it('quits when the window is closed, closing the workspace first', async () => {
    fake.app.emit('window-all-closed')
    expect(fake.app.quit).toHaveBeenCalledTimes(1)
    const preventDefault = vi.fn()
    fake.app.emit('before-quit', { preventDefault })
    expect(preventDefault).toHaveBeenCalled()
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalledTimes(2))
    // The second round lets the quit through, and the workspace lock is free again.
    const again = vi.fn()
    fake.app.emit('before-quit', { preventDefault: again })
    expect(again).not.toHaveBeenCalled()
    const reopened = await openLoupe({ workspaceDir })
    await reopened.close()
  })
})
