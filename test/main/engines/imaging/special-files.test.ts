import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyseImageFile, ImagingError, renderBrowserPreview } from '../../../../src/main/engines/imaging'
import { tempDir } from '../../../support/paths'
import { makeFifo, makeSparseFile, watchFifoReaders } from '../../platform/fs/special-files'

let dir: string
beforeAll(async () => {
  dir = await tempDir('loupe-special-')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

// A path can be swapped for a FIFO or a huge file after the import listed it: reading it is checked again.
describe.runIf(process.platform !== 'win32')('reading an image refuses what is not a regular file of sane size', () => {
  it('does not open a FIFO', async () => {
    const fifo = join(dir, 'swapped.jpg')
    makeFifo(fifo)
    const guard = watchFifoReaders(fifo)
    try {
      const opened = guard.opened.then(() => 'opened' as const)
      expect(await Promise.race([analyseImageFile(fifo), opened])).toEqual({ ok: false, reason: 'not a regular file (a FIFO)' })
      const preview = renderBrowserPreview(fifo).catch((error: unknown) => error)
      const refusal = await Promise.race([preview, opened])
      expect(refusal).toBeInstanceOf(ImagingError)
      expect((refusal as ImagingError).reason).toBe('not a regular file (a FIFO)')
    } finally {
      guard.stop()
    }
  })

  it('refuses a character device and a file over the size limit before reading them', async () => {
    expect(await analyseImageFile('/dev/null')).toEqual({ ok: false, reason: 'not a regular file (a character device)' })
    const huge = join(dir, 'huge.png')
    await makeSparseFile(huge, 2 ** 30 + 1)
    expect(await analyseImageFile(huge)).toEqual({ ok: false, reason: 'larger than the 1 GiB limit for one image file' })
  })
})
