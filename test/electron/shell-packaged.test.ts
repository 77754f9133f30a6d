import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { fake } from './fake-electron'

// The real Electron entry point as a packaged app, started with ELECTRON_RENDERER_URL pointing at a foreign page.
vi.mock('electron', async () => (await import('./fake-electron')).fake.module)

const dir = mkdtempSync(join(tmpdir(), 'loupe-shell-packaged-'))
const argv = process.argv
const rendererUrl = process.env.ELECTRON_RENDERER_URL

beforeAll(async () => {
  fake.app.isPackaged = true
  process.env.ELECTRON_RENDERER_URL = 'https://evil.example/'
  process.argv = ['electron', '.', '--workspace', join(dir, 'workspace')]
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  await import('../../src/main/index')
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 })
})

afterAll(async () => {
  fake.app.emit('before-quit', { preventDefault: vi.fn() })
  await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled())
  process.argv = argv
  if (rendererUrl === undefined) delete process.env.ELECTRON_RENDERER_URL
  else process.env.ELECTRON_RENDERER_URL = rendererUrl
  rmSync(dir, { recursive: true, force: true })
})

it('loads its own pages, under the strict policy, whatever ELECTRON_RENDERER_URL says', async () => {
  expect(fake.windows[0]!.loadedUrl).toBe('loupe-app://app/index.html')
  const page = await fake.protocolHandlers.get('loupe-app')!(new Request('loupe-app://app/index.html'))
  expect(page.headers.get('content-security-policy')).not.toContain('evil.example')
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self';")
  const ipc = fake.ipcHandlers.get('loupe:workspace.info')!
  expect(await ipc({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false })
})
