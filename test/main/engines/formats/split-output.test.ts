import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { splitImages } from '../../../../src/main/engines/datasets/dataset-split'
import {
  cocoSplitFile,
  readCoco,
  readVoc,
  readYolo,
  withoutExtension,
  writeCoco,
  writeVoc,
  writeYolo,
  type AnnotatedImage,
  type AnnotationSet,
  type ImageCopy,
  type SplitLayout,
} from '../../../../src/main/engines/formats'
import type { SplitPart } from '../../../../src/shared/api/schemas'
import { writeJpeg } from '../../../support/images'
import { tempDir } from '../../../support/paths'

const PARTS: SplitPart[] = ['train', 'val', 'test']
let base: string
let set: AnnotationSet
let layout: SplitLayout
let copy: ImageCopy

/** Four classes of five images, in sub-folders, each image with one or two boxes. */
beforeAll(async () => {
  base = await tempDir('loupe-split-output-')
  const images: AnnotatedImage[] = []
  const classes = ['crazing', 'inclusion', 'patches', 'scratches']
  for (const [c, label] of classes.entries()) {
    for (let i = 0; i < 5; i++) {
      const file = `${label}/${label}_${i}.jpg`
      await writeJpeg(join(base, 'source', file), c * 10 + i, 40, 30)
      const boxes = [{ label, x: 2 + i, y: 3, width: 10, height: 8 }]
      if (i % 2 === 1) boxes.push({ label: classes[(c + 1) % 4]!, x: 20, y: 10, width: 12.5, height: 6 })
      images.push({ file, width: 40, height: 30, boxes, tags: [] })
    }
  }
  set = { classes, images }
  layout = splitImages(set, { train: 0.6, val: 0.2, test: 0.2, seed: 3 })
  copy = { sourceOf: (file) => join(base, 'source', file) }
})

const inPart = (part: SplitPart) => set.images.filter((image) => layout.partOf.get(image.file) === part)

describe('split exports', () => {
  it('YOLO: each part in images/<part> and labels/<part>, named in an Ultralytics data.yaml, and read back box for box', async () => {
    const out = join(base, 'yolo')
    await writeYolo(set, out, { split: layout, images: copy })
    const data = parseYaml(await readFile(join(out, 'data.yaml'), 'utf8')) as Record<string, unknown>
    expect(data).toEqual({
      path: out,
      train: 'images/train',
      val: 'images/val',
      test: 'images/test',
      nc: 4,
      names: { 0: 'crazing', 1: 'inclusion', 2: 'patches', 3: 'scratches' },
    })
    const sizes = new Map(set.images.map((image) => [`${layout.partOf.get(image.file)}/${image.file}`, { width: image.width, height: image.height }]))
    const { set: read } = await readYolo(out, { images: sizes })
    for (const part of PARTS) {
      const expected = inPart(part)
      const files = (await readdir(join(out, 'images', part), { recursive: true, withFileTypes: true })).filter((e) => e.isFile())
      expect(files).toHaveLength(expected.length)
      const readPart = read.images.filter((image) => image.file.startsWith(`${part}/`))
      expect(readPart.map((image) => image.file)).toEqual(expected.map((image) => `${part}/${image.file}`))
      readPart.forEach((image, i) => {
        const boxes = expected[i]!.boxes
        expect(image.boxes.map((box) => box.label)).toEqual(boxes.map((box) => box.label))
        image.boxes.forEach((box, b) => expect(box.x).toBeCloseTo(boxes[b]!.x, 9))
      })
    }
  })

  it('COCO: one annotations/instances_<part>.json per part, each with every category, its images in images/<part>', async () => {
    const out = join(base, 'coco')
    await writeCoco(set, out, { split: layout, images: copy })
    expect((await readdir(join(out, 'annotations'))).sort()).toEqual(['instances_test.json', 'instances_train.json', 'instances_val.json'])
    for (const part of PARTS) {
      const { set: read } = await readCoco(join(out, cocoSplitFile(part)))
      expect(read.classes).toEqual(set.classes)
      expect(read.images.map(({ file, boxes }) => ({ file, boxes: boxes.map(({ label, x, y, width, height }) => ({ label, x, y, width, height })) }))).toEqual(
        inPart(part).map(({ file, boxes }) => ({ file, boxes })),
      )
      for (const image of read.images) await expect(readFile(join(out, 'images', part, image.file))).resolves.toBeTruthy()
    }
  })

  it('VOC: ImageSets/Main lists each part, and trainval, by annotation name; the annotations read back whole', async () => {
    const out = join(base, 'voc')
    await writeVoc(set, out, { split: layout })
    const list = async (name: string) => (await readFile(join(out, 'ImageSets', 'Main', `${name}.txt`), 'utf8')).split('\n').filter(Boolean)
    for (const part of PARTS) expect(await list(part)).toEqual(inPart(part).map((image) => withoutExtension(image.file)))
    expect(await list('trainval')).toEqual([...inPart('train'), ...inPart('val')].map((image) => withoutExtension(image.file)))
    const { set: read } = await readVoc(out)
    expect(read.images).toHaveLength(set.images.length)
  })
})
