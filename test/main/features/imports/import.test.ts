import { existsSync } from 'node:fs'
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { thumbnailPath } from '../../../../src/main/features/media/cache-paths'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { CIFAR_MINI, COCO_IMAGES, tempDir } from '../../../support/paths'

let loupe: Loupe | undefined
afterEach(async () => {
  await loupe?.close()
  loupe = undefined
})

describe('import', () => {
  it('imports coco128, makes thumbnails, and adds nothing on re-import', async () => {
    loupe = await freshLoupe()
    const first = await importThroughApi(loupe, [COCO_IMAGES])
    expect(first.job.state).toBe('completed')
    expect(first.result).toEqual({ added: 128, duplicates: 0, relinked: 0, failed: [] })
    expect(loupe.catalog.stats().images).toBe(128)

    const page = loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 5 })
    const detail = loupe.catalog.getImage(page.items[0]!.id)
    expect(detail.format).toBe('jpeg')
    expect(detail.width).toBeGreaterThan(0)
    expect(existsSync(thumbnailPath(loupe.workspace.thumbsDir, detail.contentHash))).toBe(true)

    const again = await importThroughApi(loupe, [COCO_IMAGES])
    expect(again.result).toEqual({ added: 0, duplicates: 128, relinked: 0, failed: [] })
    expect(loupe.catalog.stats().images).toBe(128)
  })

  it('labels cifar10-mini from its folder names', async () => {
    loupe = await freshLoupe()
    const { result } = await importThroughApi(loupe, [CIFAR_MINI], true)
    expect(result.added).toBe(300)
    const stats = loupe.catalog.stats()
    expect(stats.images).toBe(300)
    expect(stats.labelled).toBe(300)
    expect(Object.keys(stats.byLabel).sort()).toEqual(
      ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'],
    )
    expect(Object.values(stats.byLabel).every((n) => n === 30)).toBe(true)
    const cats = loupe.catalog.listImages({ filter: { label: 'cat' }, sort: 'added', descending: false, offset: 0, limit: 100 })
    expect(cats.total).toBe(30)
    expect(cats.items.every((item) => item.labels.includes('cat'))).toBe(true)
  })

  it('skips duplicates and bad files with reasons, adding nothing', async () => {
    loupe = await freshLoupe()
    const good = await tempDir()
    await writeJpeg(join(good, 'a.jpg'), 1)
    await writeJpeg(join(good, 'b.jpg'), 2)
    await importThroughApi(loupe, [good])

    const messy = await tempDir()
    await copyFile(join(good, 'a.jpg'), join(messy, 'copy-of-a.jpg'))
    await copyFile(join(good, 'b.jpg'), join(messy, 'copy-of-b.jpg'))
    const whole = await readFile(join(good, 'a.jpg'))
    await writeFile(join(messy, 'truncated.jpg'), whole.subarray(0, Math.floor(whole.length / 2)))
    await writeFile(join(messy, 'notes.jpg'), 'These are not pixels, only a few words of text.\n')
    await writeFile(join(messy, 'empty.png'), '')

    const { job, result } = await importThroughApi(loupe, [messy])
    expect(job.state).toBe('completed')
    expect(result.added).toBe(0)
    expect(result.duplicates).toBe(2)
    const reasons = Object.fromEntries(result.failed.map((f) => [f.path.split('/').pop(), f.reason]))
    expect(Object.keys(reasons).sort()).toEqual(['empty.png', 'notes.jpg', 'truncated.jpg'])
    expect(reasons['empty.png']).toMatch(/empty/)
    expect(reasons['notes.jpg']).toMatch(/not an image|text/)
    expect(reasons['truncated.jpg']).toMatch(/truncated|corrupt/i)
    expect(loupe.catalog.stats().images).toBe(2)
  })

  it('reports a path that does not exist and still imports the rest', async () => {
    loupe = await freshLoupe()
    const dir = await tempDir()
    await writeJpeg(join(dir, 'real.jpg'), 3)
    const { result } = await importThroughApi(loupe, [join(dir, 'real.jpg'), join(dir, 'nowhere')])
    expect(result.added).toBe(1)
    expect(result.failed).toEqual([{ path: join(dir, 'nowhere'), reason: 'no such file or folder' }])
  })

  it('relinks a moved file by its content hash, keeping its labels', async () => {
    loupe = await freshLoupe()
    const dir = await tempDir()
    await writeJpeg(join(dir, 'cats', 'tom.jpg'), 4)
    await importThroughApi(loupe, [dir], true)
    const [before] = loupe.catalog.listImages({ filter: {}, sort: 'added', descending: false, offset: 0, limit: 1 }).items
    await mkdir(join(dir, 'moved'))
    await rename(join(dir, 'cats', 'tom.jpg'), join(dir, 'moved', 'tom-renamed.jpg'))

    const { result } = await importThroughApi(loupe, [join(dir, 'moved')])
    expect(result).toEqual({ added: 0, duplicates: 0, relinked: 1, failed: [] })
    const after = loupe.catalog.getImage(before!.id)
    expect(after.path).toBe(join(dir, 'moved', 'tom-renamed.jpg'))
    expect(after.labels).toEqual(['cats'])
  })

  it('cancels part-way, keeps what was done consistent, and resumes to the end', async () => {
    loupe = await freshLoupe()
    const dir = await tempDir()
    await Promise.all(Array.from({ length: 120 }, (_, i) => writeJpeg(join(dir, `img-${i}.jpg`), 100 + i, 640, 480)))
    const started = await loupe.dispatcher.invoke('imports.start', { paths: [dir] })
    if (!started.ok) throw new Error(started.error.message)
    const id = (started.value as { id: number }).id
    await new Promise<void>((resolve) => {
      const stop = loupe!.events.subscribe((event, payload) => {
        const job = payload as { id: number; done: number; state: string }
        if (event === 'jobs.progress' && job.id === id && job.done >= 20) {
          stop()
          resolve()
        }
      })
    })
    await loupe.dispatcher.invoke('jobs.cancel', { id })
    const cancelled = await loupe.jobs.settled(id)
    expect(cancelled.state).toBe('cancelled')
    expect(cancelled.resumable).toBe(true)
    const partial = loupe.catalog.stats().images
    expect(partial).toBeGreaterThanOrEqual(20)
    expect(partial).toBeLessThan(120)
    expect(loupe.workspace.db.pragma('integrity_check', { simple: true })).toBe('ok')

    const resumed = await loupe.dispatcher.invoke('jobs.resume', { id })
    expect(resumed.ok).toBe(true)
    const finished = await loupe.jobs.settled(id)
    expect(finished.state).toBe('completed')
    expect(loupe.catalog.stats().images).toBe(120)
    expect(finished.result).toEqual({ added: 120, duplicates: 0, relinked: 0, failed: [] })
  })
})
