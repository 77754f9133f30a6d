import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { readCoco, readVoc, writeVoc, type AnnotationSet, type Box } from '../../../../src/main/engines/formats'
import { indexedPng, VOC_PALETTE } from '../../../../src/main/engines/formats/voc/segmentation-png'
import type { Shape } from '../../../../src/shared/api/schemas'
import { bitmapFromRle } from '../../../../src/shared/shapes/bitmap'
import { rasterisePolygons } from '../../../../src/shared/shapes/rasterise'
import { rleArea, rleBounds } from '../../../../src/shared/shapes/rle'
import { shapeArea } from '../../../../src/shared/shapes/shape'
import { SHARED_DATA, tempDir } from '../../../support/paths'
import { seeded } from './random-sets'

/** Column-major COCO RLE of the pixels of a row-major label image equal to `value`. */
function maskOf(labels: number[], width: number, height: number, value: number): Extract<Shape, { kind: 'mask' }> {
  const bits: boolean[] = []
  for (let x = 0; x < width; x++) for (let y = 0; y < height; y++) bits.push(labels[y * width + x] === value)
  const counts: number[] = []
  let current = false
  let run = 0
  for (const bit of bits) {
    if (bit !== current) {
      counts.push(run)
      run = 0
      current = bit
    }
    run++
  }
  counts.push(run)
  return { kind: 'mask', rle: { size: [height, width], counts } }
}

describe('Pascal VOC segmentation PNGs', () => {
  it('uses the devkit palette: 1 is dark red, 255 (void) is cream; sharp reads the PNG back as those colours', async () => {
    expect(VOC_PALETTE[1]).toEqual([128, 0, 0])
    expect(VOC_PALETTE[15]).toEqual([192, 128, 128])
    expect(VOC_PALETTE[255]).toEqual([224, 224, 192])
    const png = indexedPng(3, 2, Uint8Array.from([0, 1, 2, 15, 255, 1]))
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height, info.channels]).toEqual([3, 2, 3])
    expect([...data]).toEqual([0, 1, 2, 15, 255, 1].flatMap((index) => VOC_PALETTE[index]!))
  })

  it('round-trips masks that do not overlap, object by object, with boxes and plain objects beside them (40 seeds)', async () => {
    const base = await tempDir('loupe-voc-masks-')
    for (let seed = 1; seed <= 40; seed++) {
      const r = seeded(seed)
      const classes = ['cat', 'dog', 'bird']
      const set: AnnotationSet = { classes, images: [] }
      for (let i = 0; i < 3; i++) {
        const [width, height] = [r.int(1, 40), r.int(1, 30)]
        const objects = r.int(0, 6)
        const labels = Array.from({ length: width * height }, () => r.int(0, objects))
        const boxes: Box[] = []
        for (let k = 1; k <= objects; k++) {
          const mask = maskOf(labels, width, height, k)
          const bounds = rleBounds(mask.rle)
          // The flags as the writer puts them when a box has none.
          const flags = { pose: 'Unspecified', truncated: false, difficult: false }
          // An object no pixel fell to, or one left a plain box, is written as a box alone.
          if (!bounds || r.chance(0.2)) boxes.push({ label: r.pick(classes), x: 0, y: 0, width, height, ...flags })
          else boxes.push({ label: r.pick(classes), ...bounds, shape: mask, ...flags })
        }
        set.images.push({ file: `image-${i}.png`, width, height, depth: 3, boxes, tags: [] })
      }
      const out = join(base, `seed-${seed}`)
      const { warnings } = await writeVoc(set, out)
      expect(warnings, `seed ${seed}`).toEqual([])
      const { set: back } = await readVoc(out)
      expect(back.images, `seed ${seed}`).toEqual(set.images)
    }
  })

  it('numbers SegmentationClass by class and says how many pixels overlapping masks lost', async () => {
    const labels = [1, 1, 2, 2, 1, 1, 0, 0, 1, 1, 0, 0] // 4 × 3, row-major
    const first = maskOf(labels.map((v) => (v === 1 || v === 2 ? 1 : 0)), 4, 3, 1) // also covers object 2's pixels
    const second = maskOf(labels, 4, 3, 2)
    const set: AnnotationSet = {
      classes: ['cat', 'dog'],
      images: [{ file: 'a.png', width: 4, height: 3, tags: [], boxes: [{ label: 'dog', x: 0, y: 0, width: 4, height: 3, shape: first }, { label: 'cat', x: 2, y: 0, width: 2, height: 1, shape: second }] }],
    }
    const out = join(await tempDir(), 'voc')
    const { warnings } = await writeVoc(set, out)
    expect(warnings).toEqual(['a.png: 2 pixels where shapes overlap, kept by the later object only'])
    const { data } = await sharp(join(out, 'SegmentationClass', 'a.png')).raw().toBuffer({ resolveWithObject: true })
    const classOf = (pixel: number) => VOC_PALETTE.findIndex(([r, g, b]) => r === data[pixel * 3] && g === data[pixel * 3 + 1] && b === data[pixel * 3 + 2])
    expect(Array.from({ length: 12 }, (_, pixel) => classOf(pixel))).toEqual([2, 2, 1, 1, 2, 2, 0, 0, 2, 2, 0, 0])
    expect(await readFile(join(out, 'Annotations', 'a.xml'), 'utf8')).toContain('<segmented>1</segmented>')
  })

  it('reads masks from a VOC dataset laid out by the devkit, and refuses a PNG of another size', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'Annotations'))
    await mkdir(join(dir, 'SegmentationObject'))
    const object = (name: string, box: number[]) =>
      `<object><name>${name}</name><bndbox><xmin>${box[0]}</xmin><ymin>${box[1]}</ymin><xmax>${box[2]}</xmax><ymax>${box[3]}</ymax></bndbox></object>`
    await writeFile(
      join(dir, 'Annotations', 'a.xml'),
      `<annotation><filename>a.jpg</filename><size><width>4</width><height>3</height></size>${object('cat', [1, 1, 2, 3])}${object('dog', [3, 1, 4, 1])}</annotation>`,
    )
    // Object 1 fills columns 0–1, object 2 the top of columns 2–3; the rest is background and void.
    await writeFile(join(dir, 'SegmentationObject', 'a.png'), indexedPng(4, 3, Uint8Array.from([1, 1, 2, 2, 1, 1, 255, 0, 1, 1, 0, 0])))
    const { set } = await readVoc(dir)
    expect(set.images[0]!.boxes.map((box) => box.shape)).toEqual([
      { kind: 'mask', rle: { size: [3, 4], counts: [0, 6, 6] } },
      { kind: 'mask', rle: { size: [3, 4], counts: [6, 1, 2, 1, 2] } },
    ])
    await writeFile(join(dir, 'SegmentationObject', 'a.png'), indexedPng(2, 2, new Uint8Array(4)))
    await expect(readVoc(dir)).rejects.toThrow('SegmentationObject/a.png: is 2 × 2, the image 4 × 3')
    expect(await readFile(join(dir, 'Annotations', 'a.xml'), 'utf8')).toContain('<name>dog</name>')
  })

  it('writes coco128’s polygons as masks: each object keeps the pixels of its polygons no later object painted over', async () => {
    const { set } = await readCoco(join(SHARED_DATA, 'coco128', 'annotations', 'instances_train2017.json'))
    const out = join(await tempDir('loupe-voc-polygons-'), 'voc')
    await writeVoc(set, out)
    const { set: back } = await readVoc(out)
    const backByFile = new Map(back.images.map((image) => [image.file, image]))
    let polygons = 0
    let masks = 0
    for (const image of set.images) {
      const written = backByFile.get(image.file)!
      const xml = await readFile(join(out, 'Annotations', image.file.replace(/\.jpg$/, '.xml')), 'utf8')
      expect(xml).toContain(`<segmented>${image.boxes.some((box) => box.shape) ? 1 : 0}</segmented>`)
      // Later objects are painted over earlier ones, so each keeps what no later object covers.
      const later = new Uint8Array(image.width * image.height)
      for (let i = image.boxes.length - 1; i >= 0; i--) {
        const shape = image.boxes[i]!.shape
        if (!shape) continue
        const pixels = shape.kind === 'mask' ? bitmapFromRle(shape.rle) : rasterisePolygons(shape.polygons, image.width, image.height)
        let kept = 0
        pixels.forEach((value, at) => {
          if (value && !later[at]) kept++
          if (value) later[at] = 1
        })
        const mask = written.boxes[i]!.shape
        expect(mask ? rleArea((mask as Extract<typeof mask, { kind: 'mask' }>).rle) : 0, `${image.file} object ${i}`).toBe(kept)
        if (shape.kind !== 'polygons') continue
        polygons++
        if (mask) masks++
        // Within a perimeter's worth of the polygons' own area.
        expect(kept).toBeLessThanOrEqual(shapeArea(shape) + shape.polygons.reduce((sum, polygon) => sum + perimeterOf(polygon), 0))
      }
    }
    expect(polygons).toBe(929)
    expect(masks).toBeGreaterThan(850)
  })
})

function perimeterOf(polygon: readonly number[]): number {
  let length = 0
  for (let i = 0; i < polygon.length; i += 2) {
    const j = (i + 2) % polygon.length
    length += Math.hypot(polygon[j]! - polygon[i]!, polygon[j + 1]! - polygon[i + 1]!)
  }
  return length
}
