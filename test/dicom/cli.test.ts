import { spawnSync } from 'node:child_process'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT, tempDir } from '../support/paths'
import { DICOM_DIR, NON_IMAGE_FILES } from './helpers'

const BIN = join(REPO_ROOT, 'bin', 'loupe.js')

function json(...args: string[]): unknown {
  const run = spawnSync(process.execPath, [BIN, ...args, '--json'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 })
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return JSON.parse(run.stdout)
}

describe('loupe import of a DICOM folder', () => {
  it('adds every image-bearing file, frames as images, and lists the rest with reasons', async () => {
    const ws = await tempDir('loupe-ws-')
    const result = json('--workspace', ws, 'import', DICOM_DIR) as {
      added: number
      duplicates: number
      relinked: number
      failed: { path: string; reason: string }[]
    }
    expect(result).toMatchObject({ added: 92, duplicates: 1, relinked: 0 })
    const reasons = Object.fromEntries(result.failed.map((f) => [basename(f.path), f.reason]))
    expect(Object.keys(reasons).sort()).toEqual([...Object.keys(NON_IMAGE_FILES), 'README-pydicom-test-files.txt'].sort())
    for (const [name, reason] of Object.entries(NON_IMAGE_FILES)) expect(reasons[name]).toMatch(reason)
    expect(reasons['README-pydicom-test-files.txt']).toBe('not an image (looks like text)')
    expect((json('--workspace', ws, 'stats') as { images: number }).images).toBe(92)
  })
})
