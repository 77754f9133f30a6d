import { symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'
import { makeFifo, makeSparseFile, watchFifoReaders } from '../../platform/fs/special-files'

let loupe: Loupe | undefined
const cleanups: (() => void)[] = []
afterEach(async () => {
  cleanups.splice(0).forEach((cleanup) => cleanup())
  await loupe?.close()
  loupe = undefined
})

/** Imports, failing (rather than hanging) as soon as anything opens one of the FIFOs for reading. */
async function importGuarded(paths: string[], fifos: string[]): Promise<Awaited<ReturnType<typeof importThroughApi>>> {
  const guards = fifos.map((fifo) => watchFifoReaders(fifo))
  cleanups.push(...guards.map((guard) => guard.stop))
  const opened = Promise.race(guards.map((guard) => guard.opened)).then(() => {
    throw new Error('the import opened a FIFO for reading')
  })
  return Promise.race([importThroughApi(loupe!, paths), opened])
}

describe.runIf(process.platform !== 'win32')('import of files that are not regular files', () => {
  it('lists FIFOs, devices, links to folders, broken links and oversized files in a folder with their reasons', async () => {
    loupe = await freshLoupe()
    const dir = await tempDir()
    const elsewhere = await tempDir()
    await writeJpeg(join(dir, 'good.jpg'), 1)
    makeFifo(join(dir, 'x.jpg'))
    makeFifo(join(elsewhere, 'pipe'))
    await symlink(join(elsewhere, 'pipe'), join(dir, 'pipe-link.jpg'))
    await symlink('/dev/zero', join(dir, 'zero.jpg'))
    await symlink(elsewhere, join(dir, 'folder-link'))
    await symlink(join(dir, 'nothing-here.jpg'), join(dir, 'broken.jpg'))
    await makeSparseFile(join(dir, 'huge.jpg'), 2 ** 30 + 1)

    const { job, result } = await importGuarded([dir], [join(dir, 'x.jpg'), join(elsewhere, 'pipe')])
    expect(job.state).toBe('completed')
    expect(result.added).toBe(1)
    const reasons = Object.fromEntries(result.failed.map((failure) => [failure.path.slice(dir.length + 1), failure.reason]))
    expect(reasons).toEqual({
      'broken.jpg': 'a broken link (nothing is at the path it points to)',
      'folder-link': 'a link to a folder (links to folders are not followed, as they can loop)',
      'huge.jpg': 'larger than the 1 GiB limit for one image file',
      'pipe-link.jpg': 'not a regular file (a FIFO)',
      'x.jpg': 'not a regular file (a FIFO)',
      'zero.jpg': 'not a regular file (a character device)',
    })
  })

  it('refuses a FIFO, a device and an oversized file given by name, without reading them', async () => {
    loupe = await freshLoupe()
    const dir = await tempDir()
    await writeJpeg(join(dir, 'good.jpg'), 2)
    makeFifo(join(dir, 'fifo.jpg'))
    await symlink(join(dir, 'fifo.jpg'), join(dir, 'fifo-link.jpg'))
    await makeSparseFile(join(dir, 'huge.jpg'), 2 ** 30 + 1)
    const given = [join(dir, 'fifo.jpg'), join(dir, 'fifo-link.jpg'), '/dev/zero', join(dir, 'huge.jpg'), join(dir, 'good.jpg')]

    const { job, result } = await importGuarded(given, [join(dir, 'fifo.jpg')])
    expect(job.state).toBe('completed')
    expect(result.added).toBe(1)
    expect(result.failed).toEqual([
      { path: join(dir, 'fifo.jpg'), reason: 'not a regular file (a FIFO)' },
      { path: join(dir, 'fifo-link.jpg'), reason: 'not a regular file (a FIFO)' },
      { path: '/dev/zero', reason: 'not a regular file (a character device)' },
      { path: join(dir, 'huge.jpg'), reason: 'larger than the 1 GiB limit for one image file' },
    ])
  })
})
