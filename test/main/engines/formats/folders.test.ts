import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ExportError, FormatError, readFolders, writeFolders, type AnnotationSet } from '../../../../src/main/engines/formats'
import { tempDir } from '../../../support/paths'

let base: string
let n = 0
beforeAll(async () => {
  base = await tempDir('loupe-formats-folders-')
})

async function folder(files: Record<string, string>): Promise<string> {
  const dir = join(base, `ds-${n++}`)
  await mkdir(dir)
  for (const [name, text] of Object.entries(files)) {
    if (name.endsWith('/')) await mkdir(join(dir, name), { recursive: true })
    else {
      await mkdir(dirname(join(dir, name)), { recursive: true })
      await writeFile(join(dir, name), text)
    }
  }
  return dir
}

const imageSize = () => ({ width: 8, height: 6 })

describe('folder-per-class reader', () => {
  it('tags each image with its folder; an identical copy in another folder is a second tag, a different file is another image', async () => {
    const dir = await folder({
      'dog/x.jpg': 'same',
      'cat/x.jpg': 'same',
      'cat/y.png': 'cat y',
      'dog/y.png': 'dog y',
      'dog/notes.txt': 'not an image',
      'empty/': '',
      '.hidden/z.jpg': 'skipped',
    })
    const { set } = await readFolders(dir, { imageSize })
    expect(set.classes).toEqual(['cat', 'dog', 'empty'])
    expect(set.images.map((im) => [im.file, im.tags])).toEqual([
      ['cat/x.jpg', ['cat', 'dog']],
      ['cat/y.png', ['cat']],
      ['dog/y.png', ['dog']],
    ])
  })

  it('reports images outside a class folder and images whose size cannot be read', async () => {
    const dir = await folder({ 'loose.jpg': '', 'cat/broken.jpg': '', 'cat/fine.jpg': '' })
    const sizeOf = (path: string) => {
      if (path.endsWith('broken.jpg')) throw new Error('not a JPEG')
      return { width: 1, height: 1 }
    }
    const error = await readFolders(dir, { imageSize: sizeOf }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FormatError)
    expect((error as FormatError).problems).toEqual([
      { file: 'loose.jpg', message: 'image outside any class folder; skipped' },
      { file: 'cat/broken.jpg', message: "cannot read the image's size: not a JPEG; skipped" },
    ])
    const { set } = await readFolders(dir, { imageSize: sizeOf, skipInvalid: true })
    expect(set.images.map((im) => im.file)).toEqual(['cat/fine.jpg'])
  })
})

describe('folder-per-class writer', () => {
  it('puts an image in each of its tag folders, drops a leading class folder from its name and numbers clashing names', async () => {
    const sources = await folder({ 'cat/x.jpg': 'cat x', 'dog/x.jpg': 'dog x', 'misc/z.jpg': 'z' })
    const set: AnnotationSet = {
      classes: ['cat', 'dog', 'bird'],
      images: [
        { file: 'cat/x.jpg', width: 1, height: 1, tags: ['cat'], boxes: [] },
        { file: 'dog/x.jpg', width: 1, height: 1, tags: ['cat', 'dog'], boxes: [{ label: 'dog', x: 0, y: 0, width: 1, height: 1 }] },
        { file: 'misc/z.jpg', width: 1, height: 1, tags: [], boxes: [] },
      ],
    }
    const { dir, warnings } = await writeFolders(set, join(base, 'out'), { images: { sourceOf: (f) => join(sources, f) } })
    expect((await readdir(dir)).sort()).toEqual(['bird', 'cat', 'dog'])
    expect((await readdir(join(dir, 'cat'))).sort()).toEqual(['x-2.jpg', 'x.jpg'])
    expect(await readdir(join(dir, 'dog'))).toEqual(['x.jpg'])
    expect(warnings).toEqual([
      '1 box not representable in this format',
      '1 image without a tag left out',
      '1 file renamed to avoid a name clash',
    ])
  })

  it('refuses class names that are not portable folder names', async () => {
    const set: AnnotationSet = { classes: ['a/b', 'CON', 'Cat', 'cat', 'dots.'], images: [] }
    const error = await writeFolders(set, join(base, 'bad'), { images: { sourceOf: (f) => f } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExportError)
    expect((error as ExportError).problems.map((p) => p.message)).toEqual([
      '"a/b" can\'t be a folder name (it contains one of / \\ : * ? " < > |)',
      '"CON" is a reserved name on Windows',
      '"cat" differs from another class only in case',
      '"dots." can\'t be a folder name (starts or ends with ".")',
    ])
  })
})

describe('folder-per-class reader on the wrong folder', () => {
  it('says there are no class folders', async () => {
    const dir = await folder({ 'a.txt': '' })
    const error = await readFolders(dir, { imageSize }).catch((e: unknown) => e)
    expect((error as FormatError).message).toBe(`${dir}: no class folders in this folder`)
  })
})
