import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import { fake } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).fake.module)

const dir = mkdtempSync(join(tmpdir(), 'loupe-shell-error-'))
const argv = process.argv
afterAll(() => {
  process.argv = argv
  rmSync(dir, { recursive: true, force: true })
})

it('shows why a workspace cannot be opened and exits with code 1, without opening a window', async () => {
  const workspaceDir = join(dir, 'workspace')
  mkdirSync(workspaceDir)
  writeFileSync(join(workspaceDir, 'catalog.sqlite'), 'this is not a database, and Loupe must not touch it')
  process.argv = ['electron', '.', `--workspace=${workspaceDir}`]
  vi.spyOn(console, 'error').mockImplementation(() => {})
  await import('../../src/main/index')
  await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(1), { timeout: 10_000 })
  expect(fake.module.dialog.showErrorBox).toHaveBeenCalledTimes(1)
  const [title, message] = fake.module.dialog.showErrorBox.mock.calls[0] as unknown as [string, string]
  expect(title).toBe('Loupe cannot open this workspace')
  expect(message.length).toBeGreaterThan(10)
  expect(fake.windows).toHaveLength(0)
  expect(fake.ipcHandlers.size).toBe(0)
})
