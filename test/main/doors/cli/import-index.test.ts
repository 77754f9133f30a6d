import { execFile } from 'node:child_process'
import { copyFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { ImportResult, IndexResult } from '../../../../src/shared/api/schemas'
import { LOUPE_BIN } from '../../../support/cli'
import { COCO_IMAGES, MOBILENET_DIR, REPO_ROOT, tempDir } from '../../../support/paths'

const execFileAsync = promisify(execFile)

async function loupe(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync(process.execPath, [LOUPE_BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 })
}

async function loupeJson<T>(...args: string[]): Promise<T> {
  return JSON.parse((await loupe(...args, '--json')).stdout) as T
}

type ImportThenIndex = ImportResult & { index: IndexResult | null; notIndexed?: string }

describe('loupe import, then search', () => {
  it('indexes what it imported, so a search right after finds the new images; --no-index leaves them pending', async () => {
    await loupe('models', 'add', MOBILENET_DIR)
    const ws = await tempDir('loupe-ws-')
    const photos = await tempDir()
    const names = (await readdir(COCO_IMAGES)).sort().slice(0, 10)
    for (const name of names) await copyFile(join(COCO_IMAGES, name), join(photos, name))

    const imported = await loupeJson<ImportThenIndex>('--workspace', ws, 'import', photos)
    expect(imported).toMatchObject({ added: 10, index: { embedded: 10, skipped: 0, model: 'mobilenet-v2-0.35-224' } })
    const query = join(photos, names[3]!)
    const [best] = await loupeJson<{ path: string; score: number }[]>('--workspace', ws, 'search', '--image', query, '-k', '3')
    expect(best).toMatchObject({ path: query })
    expect(best!.score).toBeGreaterThan(0.999)

    const later = await tempDir()
    const extra = (await readdir(COCO_IMAGES)).sort().slice(10, 13)
    for (const name of extra) await copyFile(join(COCO_IMAGES, name), join(later, name))
    const skipped = await loupeJson<ImportThenIndex>('--workspace', ws, 'import', later, '--no-index')
    expect(skipped.added).toBe(3)
    expect(skipped).not.toHaveProperty('index')
    expect(await loupeJson<{ images: number; indexed: number }>('--workspace', ws, 'stats')).toMatchObject({ images: 13, indexed: 10 })

    // For people: the import's lines, then the indexing's.
    const human = await loupe('--workspace', ws, 'import', later)
    expect(human.stdout).toMatch(/Added 0 images; 3 already in the catalogue\.\nEmbedded 3 images \(0 unreadable\) with mobilenet-v2-0\.35-224/)

    await expect(loupe('--workspace', ws, 'stats', '--no-index')).rejects.toMatchObject({ stderr: expect.stringMatching(/^loupe: --no-index goes with import\./) })
  })
})
