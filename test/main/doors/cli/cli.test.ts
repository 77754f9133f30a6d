import { spawn } from 'node:child_process'
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { writeJpeg } from '../../../support/images'
import { CIFAR_MINI, COCO_IMAGES, REPO_ROOT, tempDir } from '../../../support/paths'
import { LOUPE_BIN, loupeJson as json, runLoupe as loupe } from '../../../support/cli'

describe('loupe CLI', () => {
  it('imports coco128 and cifar10-mini with folder labels, and re-import adds nothing', async () => {
    const ws = await tempDir('loupe-ws-')
    // No model is installed in this file's store: the import says why it did not index the images.
    expect(json('--workspace', ws, 'import', COCO_IMAGES)).toEqual({
      added: 128,
      duplicates: 0,
      relinked: 0,
      failed: [],
      index: null,
      notIndexed: expect.stringMatching(/not installed/),
    })
    expect(json('--workspace', ws, 'import', COCO_IMAGES)).toMatchObject({ added: 0, duplicates: 128, failed: [] })
    expect(json('--workspace', ws, 'import', CIFAR_MINI, '--labels', 'folders')).toMatchObject({ added: 300 })
    const stats = json('--workspace', ws, 'stats') as { images: number; labelled: number; byLabel: Record<string, number>; boxes: number }
    expect(stats.images).toBe(428)
    expect(stats.labelled).toBe(300)
    expect(stats.boxes).toBe(0)
    expect(Object.keys(stats.byLabel)).toHaveLength(10)
    expect(Object.values(stats.byLabel)).toEqual(Array(10).fill(30))
    const jobs = json('--workspace', ws, 'jobs') as { kind: string; state: string }[]
    expect(jobs).toHaveLength(3)
    expect(jobs.every((job) => job.kind === 'import' && job.state === 'completed')).toBe(true)
  })

  it('lists bad files with reasons and still exits 0', async () => {
    const ws = await tempDir('loupe-ws-')
    const dir = await tempDir()
    await writeJpeg(join(dir, 'good.jpg'), 9)
    await copyFile(join(dir, 'good.jpg'), join(dir, 'good-again.jpg'))
    await writeFile(join(dir, 'empty.jpg'), '')
    await writeFile(join(dir, 'readme.jpg'), 'plain words\n')
    const result = json('--workspace', ws, 'import', dir) as { added: number; duplicates: number; failed: unknown[] }
    expect(result.added).toBe(1)
    expect(result.duplicates).toBe(1)
    expect(result.failed).toHaveLength(2)

    const human = loupe('--workspace', ws, 'import', dir)
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/Added 0 images; 2 already in the catalogue; 2 skipped:/)
    expect(human.stdout).toContain(join(dir, 'empty.jpg'))
  })

  it('prints help, and fails with one line on usage mistakes and real errors', async () => {
    const help = loupe('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: loupe')

    const usage = loupe('frobnicate')
    expect(usage.code).toBe(2)
    expect(usage.stderr.split('\n')[0]).toBe('loupe: Unknown command "frobnicate".')

    const ws = await tempDir('loupe-ws-')
    await writeFile(join(ws, 'catalog.sqlite'), 'garbage '.repeat(1000))
    const broken = loupe('--workspace', ws, 'stats', '--json')
    expect(broken.code).toBe(1)
    expect(broken.stdout).toBe('')
    expect(broken.stderr.trim().split('\n')).toHaveLength(1)
    expect(broken.stderr).toMatch(/^loupe: .*damaged or not a Loupe catalogue/)
  })

  it('survives being killed mid-import: the catalogue passes integrity_check and the import resumes', async () => {
    const ws = await tempDir('loupe-ws-')
    const dir = await tempDir()
    await mkdir(dir, { recursive: true })
    await Promise.all(Array.from({ length: 400 }, (_, i) => writeJpeg(join(dir, `shot-${i}.jpg`), 1000 + i, 800, 600)))

    const child = spawn(process.execPath, [LOUPE_BIN, '--workspace', ws, 'import', dir, '--json'], { cwd: REPO_ROOT })
    const catalog = join(ws, 'catalog.sqlite')
    // Kill it hard once some images are committed, but well before the end.
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      const count = await countImages(catalog)
      if (count >= 30) break
      if (child.exitCode !== null) throw new Error('import finished before it could be killed')
    }
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))

    const db = new Database(catalog, { readonly: true })
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    const partial = (db.prepare('SELECT count(*) AS n FROM images').get() as { n: number }).n
    db.close()
    expect(partial).toBeLessThan(400)
    expect((await readdir(ws)).includes('loupe.lock')).toBe(true)

    const jobs = json('--workspace', ws, 'jobs') as { id: number; state: string; resumable: boolean }[]
    expect(jobs[0]).toMatchObject({ state: 'interrupted', resumable: true })
    const resumed = json('--workspace', ws, 'import', dir) as { added: number; failed: unknown[] }
    expect(resumed).toMatchObject({ added: 400, failed: [] })
    expect((json('--workspace', ws, 'jobs') as unknown[]).length).toBe(1)
    expect((json('--workspace', ws, 'stats') as { images: number }).images).toBe(400)
  })
})

async function countImages(file: string): Promise<number> {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true })
    try {
      return (db.prepare('SELECT count(*) AS n FROM images').get() as { n: number }).n
    } finally {
      db.close()
    }
  } catch {
    return 0
  }
}
