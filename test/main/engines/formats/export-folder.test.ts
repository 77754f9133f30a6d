import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ExportError, writeCoco, writeVoc, writeYolo, type AnnotationSet } from '../../../../src/main/engines/formats'
import { tempDir } from '../../../support/paths'

let base: string
beforeAll(async () => {
  base = await tempDir('loupe-formats-export-')
})

const set: AnnotationSet = {
  classes: ['cat'],
  images: [{ file: 'a.jpg', width: 4, height: 4, tags: [], boxes: [{ label: 'cat', x: 0, y: 0, width: 2, height: 2 }] }],
}

async function exportError(promise: Promise<unknown>): Promise<ExportError> {
  const error = await promise.catch((e: unknown) => e)
  if (error instanceof ExportError) return error
  throw new Error(`expected an ExportError, got ${String(error)}`)
}

describe('exports go to a new folder, all at once', () => {
  it('refuses an existing non-empty folder and leaves it alone', async () => {
    const target = join(base, 'full')
    await mkdir(target)
    await writeFile(join(target, 'keep.txt'), 'mine')
    const error = await exportError(writeCoco(set, target))
    expect(error.message).toBe(`${target}: the folder already exists and is not empty; choose a new folder`)
    expect(await readdir(target)).toEqual(['keep.txt'])
  })

  it('refuses a path that is a file', async () => {
    const target = join(base, 'a-file')
    await writeFile(target, '')
    expect((await exportError(writeYolo(set, target))).message).toMatch(/a file with this name already exists/)
  })

  it('fills an existing empty folder, and creates missing parents', async () => {
    const empty = join(base, 'empty')
    await mkdir(empty)
    await writeVoc(set, empty)
    expect((await readdir(empty)).sort()).toEqual(['Annotations', 'classes.txt'])
    const { dir } = await writeCoco(set, join(base, 'deep', 'er', 'out'))
    expect(await readdir(dir)).toEqual(['annotations.json'])
  })

  it('leaves neither the target nor a temporary folder behind when a step fails', async () => {
    const target = join(base, 'failing')
    const error = await exportError(writeYolo(set, target, { images: { sourceOf: () => join(base, 'no-such-image.jpg') } }))
    expect(error.problems).toEqual([{ file: 'a.jpg', message: `image file not found at ${join(base, 'no-such-image.jpg')}` }])
    expect((await readdir(base)).filter((name) => name.startsWith('failing'))).toEqual([])
  })

  it('copies or hard-links images beside the annotations', async () => {
    const source = join(base, 'src.jpg')
    await writeFile(source, 'pixels')
    const { dir } = await writeYolo(set, join(base, 'with-images'), { images: { sourceOf: () => source, mode: 'hardlink' } })
    expect((await readdir(dir)).sort()).toEqual(['classes.txt', 'data.yaml', 'images', 'labels'])
    expect(await readdir(join(dir, 'images'))).toEqual(['a.jpg'])
  })

  it('says in words, not error codes, why the folder cannot be made', async () => {
    const plain = join(base, 'plain.txt')
    await writeFile(plain, 'a file, not a folder')
    for (const target of [join(plain, 'out'), join(plain, 'deeper', 'out')]) {
      const error = await writeYolo(set, target).then(
        () => new Error('expected a refusal'),
        (e: unknown) => e as Error,
      )
      expect(error.message).toBe(`Could not create the export folder ${target}: a file stands where a folder is expected.`)
    }
  })

  it('refuses image names that would escape the folder', async () => {
    const escaping: AnnotationSet = { classes: ['cat'], images: ['../x.jpg', '/abs.jpg', 'a\\b.jpg'].map((file) => ({ file, width: 1, height: 1, tags: [], boxes: [] })) }
    const error = await exportError(writeVoc(escaping, join(base, 'escape')))
    expect(error.problems.map((p) => p.message)).toEqual([
      'file name has an empty, "." or ".." folder part',
      'file name is an absolute path',
      'file name contains a backslash; use / between folders',
    ])
  })
})
