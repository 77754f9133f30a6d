import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  FormatError,
  matchImageFiles,
  readCoco,
  readFolders,
  readVoc,
  readYolo,
  writeCoco,
  writeFolders,
  writeVoc,
  type AnnotationSet,
  type Box,
} from '../../../../src/main/engines/formats'
import { CIFAR_MINI, SHARED_DATA, tempDir } from '../../../support/paths'

const COCO128 = join(SHARED_DATA, 'coco128')
const COCO_JSON = join(COCO128, 'annotations', 'instances_train2017.json')
const NEU_DET = join(SHARED_DATA, 'neu-det')

let out: string
beforeAll(async () => {
  out = await tempDir('loupe-formats-shared-')
})

describe('coco128 COCO JSON', () => {
  it('imports every box in the file', async () => {
    const raw = JSON.parse(await readFile(COCO_JSON, 'utf8')) as { annotations: unknown[]; images: unknown[] }
    const { set, skippedCount } = await readCoco(COCO_JSON)
    expect(skippedCount).toBe(0)
    expect(set.images).toHaveLength(raw.images.length)
    expect(set.images.reduce((n, im) => n + im.boxes.length, 0)).toBe(raw.annotations.length)
    expect(raw.annotations.length).toBe(939)
    expect(set.classes).toHaveLength(80)
    expect(set.classes.slice(0, 3)).toEqual(['person', 'bicycle', 'car'])
  })

  it('exports and re-imports the same boxes, ids, crowd flags and areas, to the last bit', async () => {
    const { set } = await readCoco(COCO_JSON)
    const { dir } = await writeCoco(set, join(out, 'coco128-export'))
    const { set: back } = await readCoco(join(dir, 'annotations.json'))
    expect(back).toEqual(set)
    const original = JSON.parse(await readFile(COCO_JSON, 'utf8')) as CocoLike
    const written = JSON.parse(await readFile(join(dir, 'annotations.json'), 'utf8')) as CocoLike
    const key = (a: CocoLike['annotations'][number]) => JSON.stringify([a.id, a.image_id, a.category_id, a.bbox, a.area, a.iscrowd])
    // The model groups boxes by image, so the order in the file changes; the set of annotations doesn't.
    const byId = (list: CocoLike['annotations']) => list.map(key).sort()
    expect(byId(written.annotations)).toEqual(byId(original.annotations))
    expect(written.categories.map((c) => [c.id, c.name])).toEqual(original.categories.map((c) => [c.id, c.name]))
  })

  it("agrees with the dataset's YOLO labels within their 6 significant digits", async () => {
    const { set: coco } = await readCoco(COCO_JSON)
    const images = new Map(coco.images.map((im) => [im.file, { width: im.width, height: im.height }]))
    // The classes come from the COCO categories sorted by id: YOLO's ids 0–79 index that list.
    const { set: yolo, skipped } = await readYolo(COCO128, { images, classes: coco.classes, skipInvalid: true })

    // The labels folder has two files for images that are not in the dataset.
    expect(skipped.map((p) => p.file).sort()).toEqual(['labels/000000000656.txt', 'labels/000000000659.txt'])
    let worst = 0
    for (const [i, image] of coco.images.entries()) {
      const other = yolo.images[i]
      expect(other?.file).toBe(image.file)
      // The YOLO conversion left out crowd annotations (10 of them in coco128).
      const boxes = image.boxes.filter((b) => !b.crowd)
      expect(other?.boxes.map((b) => b.label), image.file).toEqual(boxes.map((b) => b.label))
      boxes.forEach((box, j) => {
        const y = other?.boxes[j] as Box
        for (const k of ['x', 'y', 'width', 'height'] as const) worst = Math.max(worst, Math.abs(box[k] - y[k]))
      })
    }
    // 6 significant digits of a value < 1, times at most 640 px, for the centre and the half size.
    expect(worst).toBeLessThan(1e-6 * 640 * 2)
  })

  it('refuses the YOLO labels by default, naming the label files without an image', async () => {
    const { set: coco } = await readCoco(COCO_JSON)
    const images = new Map(coco.images.map((im) => [im.file, { width: im.width, height: im.height }]))
    const error = await readYolo(COCO128, { images, classes: coco.classes }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FormatError)
    expect((error as FormatError).problems.map((p) => p.file)).toEqual(['labels/000000000656.txt', 'labels/000000000659.txt'])
  })
})

interface CocoLike {
  annotations: { id: number; image_id: number; category_id: number; bbox: number[]; area: number; iscrowd: number }[]
  categories: { id: number; name: string }[]
}

describe('NEU-DET Pascal VOC', () => {
  let set: AnnotationSet
  beforeAll(async () => {
    set = (await readVoc(NEU_DET)).set
  })

  it('imports all 240 files and 553 boxes in 6 classes', () => {
    expect(set.images).toHaveLength(240)
    expect(set.images.reduce((n, im) => n + im.boxes.length, 0)).toBe(553)
    expect(set.classes).toEqual(['crazing', 'inclusion', 'patches', 'pitted_surface', 'rolled-in_scale', 'scratches'])
  })

  it('exports XML whose filename, size, names and bndbox numbers equal the originals exactly', async () => {
    const { dir } = await writeVoc(set, join(out, 'neu-det-export'))
    const originals = (await readdir(join(NEU_DET, 'annotations'))).sort()
    expect((await readdir(join(dir, 'Annotations'))).sort()).toEqual(originals)
    for (const name of originals) {
      const before = vocValues(await readFile(join(NEU_DET, 'annotations', name), 'utf8'))
      const after = vocValues(await readFile(join(dir, 'Annotations', name), 'utf8'))
      expect(after, name).toEqual(before)
    }
  })

  it('finds every image on disk, including the 45 files whose <filename> has no extension', async () => {
    const files = await readdir(join(NEU_DET, 'images'))
    const match = matchImageFiles(set, files)
    expect(match.missing).toEqual([])
    expect(match.ambiguous).toEqual([])
    expect(match.matched.size).toBe(240)
    expect(set.images.filter((im) => !im.file.includes('.'))).toHaveLength(45)
  })
})

/**
 * The values an annotation file states, pulled out with regular expressions rather than the
 * reader under test, so a reader bug can't hide itself.
 */
function vocValues(xml: string) {
  const tag = (text: string, name: string) => new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(text)?.[1]
  const objects = [...xml.matchAll(/<object>([\s\S]*?)<\/object>/g)].map(([, body = '']) => ({
    name: tag(body, 'name'),
    pose: tag(body, 'pose'),
    truncated: tag(body, 'truncated'),
    difficult: tag(body, 'difficult'),
    bndbox: ['xmin', 'ymin', 'xmax', 'ymax'].map((k) => tag(body, k)),
  }))
  return { filename: tag(xml, 'filename'), size: ['width', 'height', 'depth'].map((k) => tag(xml, k)), objects }
}

describe('cifar10-mini folder per class', () => {
  const imageSize = async (path: string) => {
    const { width = 0, height = 0 } = await sharp(path).metadata()
    return { width, height }
  }

  it('reads 300 images in 10 classes, each tagged with its folder, though every folder reuses the names 0000.jpg…', async () => {
    const { set, skippedCount } = await readFolders(CIFAR_MINI, { imageSize })
    expect(skippedCount).toBe(0)
    expect(set.classes).toEqual(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'])
    expect(set.images).toHaveLength(300)
    expect(set.images.every((im) => im.tags.length === 1 && im.width === 32 && im.height === 32)).toBe(true)
    expect(set.images[0]?.file).toBe('airplane/0000.jpg')
  })

  it('writes back to the same paths and reads back equal', async () => {
    const { set } = await readFolders(CIFAR_MINI, { imageSize })
    const sourceOf = (file: string) => join(CIFAR_MINI, ...file.split('/'))
    const { dir, warnings } = await writeFolders(set, join(out, 'cifar-export'), { images: { sourceOf, mode: 'hardlink' } })
    expect(warnings).toEqual([])
    expect((await readFolders(dir, { imageSize })).set).toEqual(set)
  })
})
