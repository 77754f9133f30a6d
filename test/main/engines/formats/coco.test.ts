import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ExportError, FormatError, MAX_PROBLEMS, parseCoco, readCoco, toCocoDataset, writeCoco, type AnnotationSet } from '../../../../src/main/engines/formats'
import { tempDir } from '../../../support/paths'
import { problemsOf } from './problems'

let base: string
beforeAll(async () => {
  base = await tempDir('loupe-formats-coco-')
})

const categories = [
  { id: 1, name: 'cat' },
  { id: 7, name: 'dog' },
]
const images = [
  { id: 10, file_name: 'a.jpg', width: 100, height: 50 },
  { id: 11, file_name: 'b.jpg', width: 20, height: 20 },
]
const ann = (id: number, bbox: unknown, extra: Record<string, unknown> = {}) => ({ id, image_id: 10, category_id: 1, bbox, ...extra })

function parse(doc: unknown, options?: { skipInvalid?: boolean }) {
  return parseCoco(JSON.stringify(doc), 'instances.json', options)
}

describe('COCO reader', () => {
  it('reads boxes in pixels, classes in category-id order, and keeps every id', () => {
    const { set } = parse({
      images,
      categories: [categories[1], categories[0]],
      annotations: [ann(5, [1.5, 2, 3, 4]), { ...ann(6, [0, 0, 20, 20], { iscrowd: 1, area: 12.5 }), image_id: 11, category_id: 7 }],
    })
    expect(set).toEqual({
      classes: ['cat', 'dog'],
      categoryIds: [1, 7],
      images: [
        { id: 10, file: 'a.jpg', width: 100, height: 50, tags: [], boxes: [{ id: 5, label: 'cat', x: 1.5, y: 2, width: 3, height: 4 }] },
        { id: 11, file: 'b.jpg', width: 20, height: 20, tags: [], boxes: [{ id: 6, label: 'dog', x: 0, y: 0, width: 20, height: 20, crowd: true, area: 12.5 }] },
      ],
    })
  })

  it('points at the line and column of a JSON syntax error', () => {
    const error = problemsOf(() => parseCoco('{\n  "images": [],\n  "annotations": [,]\n}', 'broken.json'))
    expect(error.file).toBe('broken.json')
    expect(error.entry).toBe('line 3, column 19')
    expect(error.message).toMatch(/invalid JSON/)
  })

  it('collects every problem into one error and imports nothing', () => {
    const error = problemsOf(() =>
      parse({
        images: [...images, { id: 12, file_name: 'c.jpg', width: 0, height: 10 }, { id: 13, width: 5, height: 5 }],
        categories,
        annotations: [
          ann(1, [90, 10, 20, 10]), // 10 px past the right edge
          ann(2, [5, 5, 0, 4]), // zero width
          ann(3, [5, 5, 4, -1]), // negative height
          ann(4, [1, 1, 2, 2], { category_id: 99 }),
          ann(5, [1, 1, 2, 2], { image_id: 404 }),
          ann(6, [1, 2, 3]),
          { id: 7, image_id: 10, bbox: [1, 1, 1, 1] },
          ann(8, [1, 1, 1, 1], { iscrowd: 'yes' }),
          ann(8, [1, 1, 1, 1]),
          ann(9, [-0.9, -0.9, 100.8, 50.8]), // within the 1-px tolerance: fine
        ],
      }),
    )
    expect(error.total).toBe(11)
    const entries = error.problems.map((p) => `${p.entry}: ${p.message}`)
    expect(entries).toEqual([
      expect.stringMatching(/^image id 12: "width" and "height" must be positive/),
      expect.stringMatching(/^image id 13: missing a "file_name"/),
      expect.stringMatching(/^annotation id 1: box .* lies outside the 100 × 50 image/),
      expect.stringMatching(/^annotation id 2: box has zero or negative size/),
      expect.stringMatching(/^annotation id 3: box has zero or negative size/),
      'annotation id 4: unknown category_id 99',
      'annotation id 5: refers to image id 404, which is not in "images"',
      'annotation id 6: "bbox" must be [x, y, width, height] numbers',
      'annotation id 7: missing an integer "category_id"',
      'annotation id 8: "iscrowd" must be 0 or 1',
      'annotation id 8: annotation id used twice',
    ])
    expect(error.message).toContain('instances.json, annotation id 4: unknown category_id 99')
  })

  it('with skipInvalid returns the valid part and what was skipped', () => {
    const { set, skipped, skippedCount } = parse(
      { images, categories, annotations: [ann(1, [1, 1, 5, 5]), ann(2, [1, 1, 500, 5]), ann(3, [2, 2, 2, 2], { category_id: 3 })] },
      { skipInvalid: true },
    )
    expect(set.images[0]?.boxes.map((b) => b.id)).toEqual([1])
    expect(skippedCount).toBe(2)
    expect(skipped.map((p) => p.entry)).toEqual(['annotation id 2', 'annotation id 3'])
  })

  it(`lists the first ${MAX_PROBLEMS} problems and counts the rest`, () => {
    const annotations = Array.from({ length: 120 }, (_, i) => ann(i + 1, [0, 0, 1, 1], { category_id: 1000 }))
    const error = problemsOf(() => parse({ images, categories, annotations }))
    expect(error.problems).toHaveLength(MAX_PROBLEMS)
    expect(error.total).toBe(120)
    expect(error.message).toContain('… and 70 more')
  })

  it('refuses a file without the required arrays, even when skipping', () => {
    const error = problemsOf(() => parse({ images, annotations: [] }, { skipInvalid: true }))
    expect(error.message).toBe('instances.json: missing the "categories" array')
  })

  it('rejects duplicate category names and file names', () => {
    const error = problemsOf(() =>
      parse({ images: [...images, { id: 3, file_name: 'a.jpg', width: 1, height: 1 }], categories: [...categories, { id: 8, name: 'cat' }], annotations: [] }),
    )
    expect(error.problems.map((p) => p.entry)).toEqual(['category id 8', 'image id 3'])
  })

  it('reads from a file, naming it in problems', async () => {
    const path = join(base, 'bad.json')
    await writeFile(path, JSON.stringify({ images, categories, annotations: [ann(17, [0, 0, 1, 1], { category_id: 2 })] }))
    const error = await readCoco(path).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FormatError)
    expect(error).toMatchObject({ file: path, entry: 'annotation id 17', message: `${path}, annotation id 17: unknown category_id 2` })
  })
})

describe('COCO writer', () => {
  const set: AnnotationSet = {
    classes: ['cat', 'dog'],
    images: [
      { file: 'a.jpg', width: 100, height: 50, tags: ['cat'], boxes: [{ label: 'dog', x: 0.1, y: 0.2, width: 10.3, height: 5 }] },
      { file: 'b.jpg', width: 10, height: 10, id: 5, tags: [], boxes: [{ label: 'cat', x: 0, y: 0, width: 1, height: 1, id: 40, crowd: true }] },
    ],
  }

  it('numbers categories 1..N in class order and gives fresh ids after the kept ones', () => {
    const coco = toCocoDataset(set)
    expect(coco.categories.map((c) => [c.id, c.name])).toEqual([
      [1, 'cat'],
      [2, 'dog'],
    ])
    expect(coco.images.map((im) => im.id)).toEqual([6, 5])
    expect(coco.annotations).toEqual([
      { id: 41, image_id: 6, category_id: 2, bbox: [0.1, 0.2, 10.3, 5], area: 10.3 * 5, iscrowd: 0, segmentation: [] },
      { id: 40, image_id: 5, category_id: 1, bbox: [0, 0, 1, 1], area: 1, iscrowd: 1, segmentation: [] },
    ])
  })

  it('keeps category ids from the source, even out of order (the reader then sorts classes by id)', async () => {
    const { dir } = await writeCoco({ ...set, categoryIds: [9, 3] }, join(base, 'ids'))
    const { set: back } = await readCoco(join(dir, 'annotations.json'))
    expect(back.classes).toEqual(['dog', 'cat'])
    expect(back.categoryIds).toEqual([3, 9])
    expect(back.images[0]?.boxes[0]?.label).toBe('dog')
  })

  it('says what COCO could not hold', async () => {
    const { warnings } = await writeCoco(set, join(base, 'warnings'))
    expect(warnings).toEqual(['1 image tag not representable in this format'])
  })

  it('refuses a box whose label is not a class, writing nothing', async () => {
    const bad: AnnotationSet = { classes: ['cat'], images: [{ file: 'a.jpg', width: 10, height: 10, tags: [], boxes: [{ label: 'cow', x: 0, y: 0, width: 1, height: 1 }] }] }
    const error = await writeCoco(bad, join(base, 'refused')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExportError)
    expect((error as ExportError).message).toBe('a.jpg, box 1: label "cow" is not one of the classes')
    expect((await readdir(base)).filter((f) => f.startsWith('refused'))).toEqual([])
  })

  it('writes numbers that read back as the same doubles', async () => {
    const x = 0.1 + 0.2
    const tricky: AnnotationSet = { classes: ['c'], images: [{ file: 'a.jpg', width: 7, height: 7, tags: [], boxes: [{ label: 'c', x, y: 1 / 3, width: Math.PI, height: 1e-7 }] }] }
    const { dir } = await writeCoco(tricky, join(base, 'doubles'))
    const text = await readFile(join(dir, 'annotations.json'), 'utf8')
    expect((await readCoco(join(dir, 'annotations.json'))).set.images[0]?.boxes[0]).toEqual({ id: 1, ...tricky.images[0]?.boxes[0] })
    expect(text).toContain('[0.30000000000000004,0.3333333333333333,3.141592653589793,1e-7]')
  })
})

describe('COCO file names', () => {
  it('keeps a file_name that is not a relative path (Label Studio writes absolute ones) unless images are copied', async () => {
    const odd: AnnotationSet = { classes: ['c'], images: [{ file: '/data/upload/1/x.jpg', width: 2, height: 2, tags: [], boxes: [] }] }
    const { dir } = await writeCoco(odd, join(base, 'odd'))
    expect((await readCoco(join(dir, 'annotations.json'))).set.images[0]?.file).toBe('/data/upload/1/x.jpg')
    const error = await writeCoco(odd, join(base, 'odd-copy'), { images: { sourceOf: (f) => f } }).catch((e: unknown) => e)
    expect((error as ExportError).message).toBe('/data/upload/1/x.jpg: file name is an absolute path')
  })
})
