import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { ExportError, FormatError, readYolo, writeYolo, type AnnotationSet, type ImageSize } from '../../../../src/main/engines/formats'
import { tempDir } from '../../../support/paths'

let base: string
let n = 0
beforeAll(async () => {
  base = await tempDir('loupe-formats-yolo-')
})

/** A fresh dataset folder holding the given files. */
async function dataset(files: Record<string, string>): Promise<string> {
  const dir = join(base, `ds-${n++}`)
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true })
    await writeFile(join(dir, name), text)
  }
  return dir
}

const sizes = (entries: [string, number, number][]) => new Map<string, ImageSize>(entries.map(([f, width, height]) => [f, { width, height }]))
const images = sizes([
  ['a.jpg', 200, 100],
  ['b.png', 10, 10],
])

async function failure(promise: Promise<unknown>): Promise<FormatError> {
  const error = await promise.catch((e: unknown) => e)
  if (error instanceof FormatError) return error
  throw new Error(`expected a FormatError, got ${String(error)}`)
}

describe('YOLO reader', () => {
  it('reads normalised centre/size lines into pixel boxes; an image without a label file has no boxes', async () => {
    const dir = await dataset({ 'labels/classes.txt': 'cat\ndog\n', 'labels/a.txt': '1 0.5 0.5 0.5 0.2\n\n0 0.25 0.75 0.5 0.5\n' })
    const { set } = await readYolo(dir, { images })
    expect(set).toEqual({
      classes: ['cat', 'dog'],
      images: [
        {
          file: 'a.jpg',
          width: 200,
          height: 100,
          tags: [],
          boxes: [
            { label: 'dog', x: 50, y: 40, width: 100, height: 20 },
            { label: 'cat', x: 0, y: 50, width: 100, height: 50 },
          ],
        },
        { file: 'b.png', width: 10, height: 10, tags: [], boxes: [] },
      ],
    })
  })

  it('takes class names from data.yaml as a list or an id → name map, beside labels/ or in it', async () => {
    const list = await dataset({ 'data.yaml': 'names: [cat, "dog: big", yes]\n', 'labels/a.txt': '2 0.5 0.5 0.1 0.1' })
    expect((await readYolo(list, { images })).set.classes).toEqual(['cat', 'dog: big', 'yes'])
    const map = await dataset({ 'data.yaml': 'path: ../x\nnc: 2\nnames:\n  1: dog\n  0: cat\n', 'labels/a.txt': '' })
    expect((await readYolo(map, { images })).set.classes).toEqual(['cat', 'dog'])
    const flat = await dataset({ 'classes.txt': 'cat\r\n', 'a.txt': '0 0.5 0.5 0.1 0.1' })
    expect((await readYolo(flat, { images })).set.images[0]?.boxes).toHaveLength(1)
  })

  it('refuses class files that disagree, a wrong nc, and broken YAML', async () => {
    const disagree = await dataset({ 'labels/classes.txt': 'cat\n', 'data.yaml': 'names: [dog]\n' })
    expect((await failure(readYolo(disagree, { images }))).message).toBe('data.yaml: class names disagree with labels/classes.txt')
    const nc = await dataset({ 'data.yaml': 'nc: 3\nnames: [a, b]\n', 'labels/a.txt': '' })
    expect((await failure(readYolo(nc, { images }))).message).toBe('data.yaml, nc: nc is 3 but 2 names are listed')
    const broken = await dataset({ 'data.yaml': 'names: [a, b\nnc: 2\n', 'labels/a.txt': '' })
    expect((await failure(readYolo(broken, { images }))).entry).toBe('line 2, column 1')
    const none = await dataset({ 'labels/a.txt': '' })
    expect((await failure(readYolo(none, { images }))).message).toMatch(/no classes.txt or data.yaml/)
  })

  it('collects every bad line with its line number', async () => {
    const dir = await dataset({
      'labels/classes.txt': 'cat\ndog\n',
      'labels/a.txt': ['0 0.5 0.5 0.1', '7 0.5 0.5 0.1 0.1', 'x 0.5 0.5 0.1 0.1', '0 0.5 half 0.1 0.1', '0 0.9 0.5 0.5 0.1', '0 0.5 0.5 0 0.1', '0 0.5 0.5 0.1 0.1 0.9', '1 0.5 0.5 0.1 0.1'].join('\n'),
      'labels/b.txt': '0 1.004 0.5 0.01 0.01\n', // 0.04 px past the edge of a 10-px image: within tolerance
      'labels/gone.txt': '0 0.5 0.5 0.1 0.1\n',
    })
    const error = await failure(readYolo(dir, { images }))
    expect(error.problems.map((p) => `${p.file} ${p.entry ?? ''}: ${p.message}`)).toEqual([
      'labels/a.txt line 1: expected "class cx cy w h" (5 values) or a polygon "class x1 y1 x2 y2 x3 y3 …" (an odd number, 7 or more), found 4 values',
      'labels/a.txt line 2: unknown class id 7 (there are 2 classes)',
      'labels/a.txt line 3: class id "x" is not a whole number',
      'labels/a.txt line 4: cx cy w h must be numbers',
      expect.stringMatching(/^labels\/a.txt line 5: box .* lies outside the 200 × 100 image$/),
      expect.stringMatching(/^labels\/a.txt line 6: box has zero or negative size/),
      expect.stringMatching(/^labels\/a.txt line 7: expected "class cx cy w h" \(5 values\) or a polygon .* found 6 values$/),
      'labels/gone.txt : no image with this name (any extension) among the images',
    ])
    const { set, skippedCount } = await readYolo(dir, { images, skipInvalid: true })
    expect(skippedCount).toBe(8)
    expect(set.images.map((im) => im.boxes.length)).toEqual([1, 1])
  })

  it('refuses a label file that two images could own', async () => {
    const dir = await dataset({ 'labels/classes.txt': 'cat\n', 'labels/a.txt': '0 0.5 0.5 0.1 0.1\n' })
    const error = await failure(readYolo(dir, { images: sizes([['a.jpg', 9, 9], ['a.png', 9, 9]]) }))
    expect(error.problems.map((p) => p.message)).toEqual([
      'matches several images (a.jpg, a.png); a.jpg skipped',
      'matches several images (a.jpg, a.png); a.png skipped',
    ])
  })
})

describe('YOLO writer', () => {
  const set: AnnotationSet = {
    classes: ['cat', 'dog food', 'null'],
    images: [
      { file: 'a.jpg', width: 640, height: 480, tags: [], boxes: [{ label: 'dog food', x: 0, y: 0, width: 320, height: 240 }] },
      { file: 'sub/b.jpg', width: 3, height: 3, tags: [], boxes: [{ label: 'null', x: 1, y: 1, width: 1e-7, height: 1 }] },
      { file: 'empty.jpg', width: 3, height: 3, tags: [], boxes: [] },
    ],
  }

  it('writes labels/, classes.txt and an Ultralytics data.yaml', async () => {
    const { dir } = await writeYolo(set, join(base, 'out'))
    expect(await readFile(join(dir, 'labels', 'a.txt'), 'utf8')).toBe('1 0.25 0.25 0.5 0.5\n')
    // Tiny numbers in full, without exponent notation.
    expect(await readFile(join(dir, 'labels', 'sub', 'b.txt'), 'utf8')).toBe('2 0.33333335 0.5 0.000000033333333333333334 0.3333333333333333\n')
    expect(await readFile(join(dir, 'labels', 'empty.txt'), 'utf8')).toBe('')
    expect(await readFile(join(dir, 'classes.txt'), 'utf8')).toBe('cat\ndog food\nnull\n')
    expect(parseYaml(await readFile(join(dir, 'data.yaml'), 'utf8'))).toEqual({ train: 'images', val: 'images', nc: 3, names: { 0: 'cat', 1: 'dog food', 2: 'null' } })
  })

  it('refuses images whose label files would collide', async () => {
    const clash: AnnotationSet = { classes: ['c'], images: ['x.jpg', 'X.png'].map((file) => ({ file, width: 1, height: 1, tags: [], boxes: [] })) }
    const error = await writeYolo(clash, join(base, 'clash')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExportError)
    expect((error as ExportError).message).toBe('X.png: would share the label file labels/X.txt with x.jpg')
  })
})
