import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  readCoco,
  readFolders,
  readVoc,
  readYolo,
  writeCoco,
  writeFolders,
  writeVoc,
  writeYolo,
  type AnnotatedImage,
  type AnnotationSet,
  type Box,
} from '../../../../src/main/engines/formats'
import { shapeArea } from '../../../../src/shared/shapes/shape'
import { tempDir } from '../../../support/paths'
import { randomSet, seeded } from './random-sets'

/** Random sets per format; each seed is a replayable case. */
const CASES = 200

let base: string
beforeAll(async () => {
  base = await tempDir('loupe-formats-prop-')
})

const seeds = Array.from({ length: CASES }, (_, i) => 1000 + i)

describe('COCO: read(write(set)) equals set exactly', () => {
  it(`holds for ${CASES} random sets`, async () => {
    let boxes = 0
    let empty = 0
    for (const seed of seeds) {
      const set = randomSet(seeded(seed), { coco: true, dicom: true })
      const out = join(base, `coco-${seed}`)
      await writeCoco(set, out)
      const { set: back } = await readCoco(join(out, 'annotations.json'))
      expect(withoutAssignedIds(back, set), `seed ${seed}`).toEqual(set)
      boxes += set.images.reduce((n, im) => n + im.boxes.length, 0)
      empty += set.images.filter((im) => im.boxes.length === 0).length
    }
    // The generator is not degenerate: many boxes, and images without any.
    expect(boxes).toBeGreaterThan(1000)
    expect(empty).toBeGreaterThan(50)
  })
})

describe('COCO with shapes and carried fields: read(write(set)) equals set exactly', () => {
  it(`holds for ${CASES} random sets of polygons, masks and unknown fields`, async () => {
    const kinds = { polygons: 0, mask: 0, compressed: 0 }
    for (const seed of seeds) {
      const set = randomSet(seeded(seed), { coco: true, shapes: 'coco' })
      const out = join(base, `coco-shapes-${seed}`)
      await writeCoco(set, out)
      const { set: back } = await readCoco(join(out, 'annotations.json'))
      expect(withoutAssignedIds(back, set), `seed ${seed}`).toEqual(set)
      for (const box of set.images.flatMap((image) => image.boxes)) {
        if (box.shape) kinds[box.shape.kind]++
        if (box.shape?.kind === 'mask' && box.shape.compressed) kinds.compressed++
      }
    }
    expect(kinds.polygons).toBeGreaterThan(200)
    expect(kinds.mask).toBeGreaterThan(100)
    expect(kinds.compressed).toBeGreaterThan(50)
  })
})

describe('YOLO segmentation: read(write(set)) equals set within 1e-9 px', () => {
  it(`holds for ${CASES} random sets of polygons and boxes`, async () => {
    let polygons = 0
    for (const seed of seeds) {
      const set = randomSet(seeded(seed), { shapes: 'polygons' })
      const out = join(base, `yolo-seg-${seed}`)
      const { warnings } = await writeYolo(set, out, { segmentation: true })
      const boxes = set.images.flatMap((image) => image.boxes)
      const plain = boxes.filter((box) => !box.shape).length
      expect(warnings, `seed ${seed}`).toEqual(plain > 0 ? [`${plain} box${plain === 1 ? '' : 'es'} without a shape will be written as rectangle polygons`] : [])
      const images = new Map(set.images.map((im) => [im.file, { width: im.width, height: im.height }]))
      const { set: back } = await readYolo(out, { images })
      expect(back.classes, `seed ${seed}`).toEqual(set.classes)
      // A box without a shape comes back as its rectangle.
      const expected = set.images.map((image) => ({
        ...image,
        boxes: image.boxes.map((box) => {
          const { x, y, width: w, height: h } = box
          return box.shape ? box : { ...box, shape: { kind: 'polygons' as const, polygons: [[x, y, x + w, y, x + w, y + h, x, y + h]] } }
        }),
      }))
      expectSameImages(back.images, expected, 1e-9, `seed ${seed}`)
      back.images.forEach((image, i) =>
        image.boxes.forEach((box, j) => {
          const want = expected[i]!.boxes[j]!.shape as { polygons: number[][] }
          const got = box.shape as { polygons: number[][] }
          expect(got.polygons[0]!.length, `seed ${seed}`).toBe(want.polygons[0]!.length)
          got.polygons[0]!.forEach((n, k) => expect(Math.abs(n - want.polygons[0]![k]!), `seed ${seed}`).toBeLessThan(1e-9 * Math.max(image.width, image.height)))
          polygons++
        }),
      )
    }
    expect(polygons).toBeGreaterThan(500)
  })
})

/**
 * The writer gives ids to what had none, an `info` to a set without one and a supercategory to each class without
 * one; those are not part of the comparison.
 */
function withoutAssignedIds(back: AnnotationSet, original: AnnotationSet): AnnotationSet {
  const copy = structuredClone(back)
  if (original.fields === undefined) {
    expect(copy.fields).toEqual({ info: { description: 'Exported from Loupe' } })
    delete copy.fields
  }
  if (original.classExtra === undefined) {
    expect(Object.values(copy.classExtra ?? {})).toEqual(original.classes.map(() => ({ supercategory: '' })))
    delete copy.classExtra
  }
  if (original.categoryIds === undefined) {
    expect(copy.categoryIds).toEqual(original.classes.map((_, i) => i + 1))
    delete copy.categoryIds
  }
  copy.images.forEach((image, i) => {
    const source = original.images[i]
    if (source?.id === undefined) delete image.id
    image.boxes.forEach((box, j) => {
      if (source?.boxes[j]?.id === undefined) delete box.id
      const sourceBox = source?.boxes[j]
      if (sourceBox?.shape && sourceBox.area === undefined) {
        expect(box.area).toBe(shapeArea(sourceBox.shape))
        delete box.area
      }
    })
  })
  return copy
}

describe('YOLO: read(write(set)) equals set within 1e-9 px', () => {
  it(`holds for ${CASES} random sets`, async () => {
    for (const seed of seeds) {
      const set = randomSet(seeded(seed), {})
      const out = join(base, `yolo-${seed}`)
      await writeYolo(set, out)
      const images = new Map(set.images.map((im) => [im.file, { width: im.width, height: im.height }]))
      const { set: back } = await readYolo(out, { images })
      expect(back.classes, `seed ${seed}`).toEqual(set.classes)
      expectSameImages(back.images, set.images, 1e-9, `seed ${seed}`)
    }
  })
})

describe('VOC: read(write(set)) equals set exactly for whole-pixel boxes', () => {
  it(`holds for ${CASES} random sets`, async () => {
    for (const seed of seeds) {
      const set = randomSet(seeded(seed), { integer: true, voc: true, dicom: true })
      const out = join(base, `voc-${seed}`)
      await writeVoc(set, out)
      const { set: back } = await readVoc(out)
      expect(back, `seed ${seed}`).toEqual(withVocDefaults(set))
    }
  })

  it(`holds within 1e-9 px for ${CASES} random sets with sub-pixel boxes written with coordinates: 'exact'`, async () => {
    for (const seed of seeds) {
      const set = randomSet(seeded(seed), {})
      const out = join(base, `voc-exact-${seed}`)
      await writeVoc(set, out, { coordinates: 'exact' })
      const { set: back } = await readVoc(out)
      expect(back.classes).toEqual(set.classes)
      expectSameImages(back.images, withVocDefaults(set).images, 1e-9, `seed ${seed}`)
    }
  })
})

/** What VOC files always state: the writer fills pose/truncated/difficult/depth, the reader keeps them. */
function withVocDefaults(set: AnnotationSet): AnnotationSet {
  const xmlOrder = (im: AnnotatedImage) => `${im.file.replace(/\.[^./]*$/, '')}.xml`
  const images = set.images
    .map((im) => ({
      ...im,
      depth: im.depth ?? 3,
      boxes: im.boxes.map((b): Box => ({ ...b, pose: b.pose ?? 'Unspecified', truncated: b.truncated ?? false, difficult: b.difficult ?? false })),
    }))
    .sort((a, b) => (xmlOrder(a) < xmlOrder(b) ? -1 : xmlOrder(a) > xmlOrder(b) ? 1 : 0))
  return { classes: set.classes, images }
}

describe('folder per class: read(write(set)) gives back every tagged image with its tags', () => {
  it(`holds for ${CASES} random sets`, async () => {
    for (const seed of seeds) {
      const r = seeded(seed)
      const set = randomSet(r, { tags: true, boxes: false, folderSafe: true })
      const sources = join(base, `folders-src-${seed}`)
      const byContent = new Map<string, AnnotatedImage>()
      for (const image of set.images) {
        const path = join(sources, ...image.file.split('/'))
        await mkdir(dirname(path), { recursive: true })
        await writeFile(path, `image ${image.file}`) // distinct bytes identify the image after the trip
        byContent.set(`image ${image.file}`, image)
      }
      const out = join(base, `folders-${seed}`)
      const sourceOf = (file: string) => join(sources, ...file.split('/'))
      await writeFolders(set, out, { images: { sourceOf, mode: r.chance(0.5) ? 'hardlink' : 'copy' } })
      const sizes = new Map(set.images.map((im) => [`image ${im.file}`, { width: im.width, height: im.height }]))
      const imageSize = async (path: string) => sizes.get(await readFile(path, 'utf8')) ?? { width: 0, height: 0 }
      const { set: back } = await readFolders(out, { imageSize, isImage: () => true })

      const classOrder = [...set.classes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      expect(back.classes, `seed ${seed}`).toEqual(classOrder)
      expect(back.images.length, `seed ${seed}`).toBe(set.images.filter((im) => im.tags.length > 0).length)
      for (const image of back.images) {
        const original = byContent.get(await readFile(join(out, ...image.file.split('/')), 'utf8')) as AnnotatedImage
        const tags = classOrder.filter((c) => original.tags.includes(c))
        // The writer drops a leading class folder from the name (a file read from this format has one).
        const [first = '', ...rest] = original.file.split('/')
        const name = rest.length > 0 && set.classes.includes(first) ? rest.join('/') : original.file
        expect(image, `seed ${seed}`).toEqual({ ...original, file: `${tags[0]}/${name}`, tags })
      }
    }
  })
})

function expectSameImages(actual: AnnotatedImage[], expected: AnnotatedImage[], tolerance: number, context: string): void {
  // Coordinates are compared within the tolerance below (a shape's by the caller).
  const strip = (im: AnnotatedImage) => ({ ...im, boxes: im.boxes.map((b) => ({ ...b, x: 0, y: 0, width: 0, height: 0, shape: undefined })) })
  expect(actual.map(strip), context).toEqual(expected.map(strip))
  actual.forEach((image, i) => {
    image.boxes.forEach((box, j) => {
      const want = expected[i]?.boxes[j] as Box
      for (const key of ['x', 'y', 'width', 'height'] as const) {
        expect(Math.abs(box[key] - want[key]), `${context} ${image.file} box ${j} ${key}`).toBeLessThanOrEqual(tolerance)
      }
    })
  })
}
