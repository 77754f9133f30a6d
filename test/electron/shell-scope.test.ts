import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Envelope } from '../../src/shared/api/errors'
import { ipcChannel } from '../../src/shared/api/wire'
import { fake } from './fake-electron'

// The real Electron entry point: requests from the window may only name folders the person chose or allowed.
vi.mock('electron', async () => (await import('./fake-electron')).fake.module)

const APP = { senderFrame: { url: 'loupe-app://app/index.html' } }
let dir: string
let picked: string
let elsewhere: string
const argv = process.argv
const home = process.env.HOME

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-shell-scope-'))
  picked = join(dir, 'picked')
  elsewhere = join(dir, 'elsewhere')
  for (const folder of [join(dir, 'home'), picked, elsewhere]) mkdirSync(folder, { recursive: true })
  // The home folder is listable; keep the test's own folders outside it.
  process.env.HOME = join(dir, 'home')
  process.argv = ['electron', '.', '--workspace', join(dir, 'workspace')]
  await import('../../src/main/index')
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 })
})

afterAll(async () => {
  const preventDefault = vi.fn()
  fake.app.emit('before-quit', { preventDefault })
  await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled())
  process.argv = argv
  process.env.HOME = home
  rmSync(dir, { recursive: true, force: true })
})

const call = (channel: string, payload: unknown) => fake.ipcHandlers.get(ipcChannel(channel))!(APP, payload) as Promise<Envelope>

describe('folders the window may name', () => {
  it('refuses to list a folder nobody chose', async () => {
    expect(await call('files.browse', { dir: elsewhere })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining(elsewhere) },
    })
    expect(await call('files.browse', {})).toMatchObject({ ok: true, value: { dir: join(dir, 'home') } })
  })

  it('asks natively before writing elsewhere, and writes nothing when the answer is Cancel', async () => {
    const out = join(elsewhere, 'export')
    const reply = await call('exports.start', { format: 'coco', out })
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('not allowed') } })
    expect(existsSync(out)).toBe(false)
    const question = fake.module.dialog.showMessageBox.mock.calls.at(-1)!.at(-1) as { message: string; detail: string }
    expect(question.message).toContain('write the export to')
    expect(question.detail).toContain(out)
  })

  it('grants what the import dialog returns, for the rest of the session', async () => {
    fake.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [picked] })
    const asked = fake.module.dialog.showMessageBox.mock.calls.length
    expect(await call('dialogs.pickImportPaths', {})).toMatchObject({ ok: true, value: { paths: [picked] } })
    expect(await call('files.browse', { dir: picked })).toMatchObject({ ok: true })
    // Dispatched without a question: the handler's own answer (no model there), not the shell's refusal.
    const added = await call('models.add', { path: join(picked, 'model') })
    expect(added.ok).toBe(false)
    expect(JSON.stringify(added)).not.toContain('not allowed')
    expect(fake.module.dialog.showMessageBox.mock.calls.length).toBe(asked)
  })

  it('lets a folder through once the person allows it', async () => {
    fake.module.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 })
    const target = join(elsewhere, 'model')
    const added = await call('models.add', { path: target })
    expect(JSON.stringify(added)).not.toContain('not allowed')
    const asked = fake.module.dialog.showMessageBox.mock.calls.length
    await call('training.importVersion', { dir: target })
    expect(fake.module.dialog.showMessageBox.mock.calls.length).toBe(asked)
  })
})
