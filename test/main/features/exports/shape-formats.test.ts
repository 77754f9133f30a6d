import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { readVoc, toCocoDataset, type AnnotationSet } from '../../../../src/main/engines/formats'
import { indexedPng } from '../../../../src/main/engines/formats/voc/segmentation-png'
import type { AnnotationFormat, ExportResult, ImportResult } from '../../../../src/shared/api/schemas'
import { loupeJson } from '../../../support/cli'
import { writeJpeg } from '../../../support/images'
import { settled, workspacePerTest } from '../../../support/workspaces'
import { tempDir } from '../../../support/paths'
import { randomMask, randomPolygons, seeded } from '../../engines/formats/random-sets'
import { shapeBounds } from '../../../../src/shared/shapes/shape'

const workspaces = workspacePerTest()
const workspace = workspaces.open
const run = settled

async function importWith(loupe: Loupe, images: string, format: AnnotationFormat, path: string): Promise<ImportResult> {
  const job = await run(loupe, loupe.client.api.imports.start({ paths: [images], annotations: { format, path } }))
  expect(job.error ?? null).toBeNull()
  return job.result as ImportResult
}

async function exportAs(loupe: Loupe, format: AnnotationFormat): Promise<{ out: string; result: ExportResult }> {
  const out = join(await tempDir(), format)
  const job = await run(loupe, loupe.client.api.exports.start({ format, out }))
  return { out, result: job.result as ExportResult }
}

/** Three pictures of different sizes in a folder of their own. */
async function pictures(): Promise<{ dir: string; sizes: Map<string, { width: number; height: number }> }> {
  const dir = await tempDir()
  const sizes = new Map([
    ['a.jpg', { width: 64, height: 48 }],
    ['b.jpg', { width: 40, height: 90 }],
    ['c.jpg', { width: 120, height: 30 }],
  ])
  let seed = 1
  for (const [file, { width, height }] of sizes) await writeJpeg(join(dir, 'images', file), seed++, width, height)
  return { dir, sizes }
}

describe('shapes and source fields through the catalogue, per format', () => {
  it('random polygons and masks: COCO → import → export gives the same file (modulo ids), for 6 seeds', async () => {
    const { dir, sizes } = await pictures()
    for (let seed = 1; seed <= 6; seed++) {
      const r = seeded(seed)
      const classes = ['cat', 'dog', 'mouse']
      const set: AnnotationSet = {
        classes,
        classExtra: { cat: { supercategory: 'animal' }, dog: { supercategory: 'animal' }, mouse: { supercategory: 'small' } },
        fields: { info: { year: 2000 + seed }, licenses: [{ id: seed, name: 'CC' }] },
        images: [...sizes].map(([file, size]) => ({
          file,
          ...size,
          tags: [],
          extra: { license: seed, flickr_url: `http://example.com/${file}` },
          boxes: Array.from({ length: r.int(1, 8) }, () => {
            const shape = r.chance(0.3) ? randomMask(r, size) : randomPolygons(r, size, r.int(1, 3))
            return { label: r.pick(classes), ...shapeBounds(shape)!, shape, ...(r.chance(0.2) && { crowd: true }), ...(r.chance(0.3) && { extra: { score: r.next() } }) }
          }),
        })),
      }
      const file = join(dir, `seed-${seed}.json`)
      const written = toCocoDataset(set)
      await writeFile(file, JSON.stringify(written))
      const loupe = await workspace()
      await importWith(loupe, join(dir, 'images'), 'coco', file)
      const { out } = await exportAs(loupe, 'coco')
      const back = JSON.parse(await readFile(join(out, 'annotations.json'), 'utf8')) as typeof written
      expect(withoutIds(back), `seed ${seed}`).toEqual(withoutIds(written))
      await workspaces.close(loupe)
    }
  })

  it('YOLO segmentation: polygon lines in, polygons out within the normalisation’s precision; counts in stats --json', async () => {
    const { dir, sizes } = await pictures()
    const lines = {
      a: '0 0.1 0.1 0.9 0.1 0.5 0.8\n1 0.5 0.5 0.2 0.2\n',
      b: '1 0 0 1 0 1 1 0 1 0.25 0.75\n',
      c: '',
    }
    await mkdir(join(dir, 'labels'))
    await writeFile(join(dir, 'labels', 'classes.txt'), 'cat\ndog\n')
    for (const [stem, text] of Object.entries(lines)) await writeFile(join(dir, 'labels', `${stem}.txt`), text)
    const loupe = await workspace()
    const imported = await importWith(loupe, join(dir, 'images'), 'yolo-seg', join(dir, 'labels'))
    expect(imported.annotations).toMatchObject({ boxes: 3, skippedCount: 0 })
    expect(loupe.catalog.stats()).toMatchObject({ boxes: 3, polygons: 2, masks: 0 })

    const { out, result } = await exportAs(loupe, 'yolo-seg')
    expect(result.warnings).toEqual(['1 box without a shape will be written as rectangle polygons'])
    const numbers = (text: string) => text.trim().split(/\s+/).filter(Boolean).map(Number)
    const a = await readFile(join(out, 'labels', 'a.txt'), 'utf8')
    const [polygon, rectangle] = a.trim().split('\n')
    const close = (got: number[], want: number[]) => {
      expect(got).toHaveLength(want.length)
      got.forEach((n, i) => expect(Math.abs(n - want[i]!)).toBeLessThan(1e-12))
    }
    close(numbers(polygon!), [0, 0.1, 0.1, 0.9, 0.1, 0.5, 0.8])
    close(numbers(rectangle!), [1, 0.4, 0.4, 0.6, 0.4, 0.6, 0.6, 0.4, 0.6])
    close(numbers(await readFile(join(out, 'labels', 'b.txt'), 'utf8')), [1, 0, 0, 1, 0, 1, 1, 0, 1, 0.25, 0.75])
    expect(await readFile(join(out, 'labels', 'c.txt'), 'utf8')).toBe('')
    expect(sizes.size).toBe(3)
    await workspaces.close(loupe)

    // The CLI's stats count the catalogue's polygons and masks.
    const ws = await tempDir('loupe-ws-')
    loupeJson('--workspace', ws, 'import', join(dir, 'images'), '--format', 'yolo', '--annotations', join(dir, 'labels'), '--no-index')
    expect(loupeJson('--workspace', ws, 'stats')).toMatchObject({ boxes: 3, polygons: 2, masks: 0 })
  })

  it('VOC: difficult, truncated and pose come back; COCO and YOLO say they cannot hold them', async () => {
    const { dir } = await pictures()
    const object = (name: string, pose: string, truncated: number, difficult: number, box: number[]) =>
      `<object><name>${name}</name><pose>${pose}</pose><truncated>${truncated}</truncated><difficult>${difficult}</difficult>` +
      `<bndbox><xmin>${box[0]}</xmin><ymin>${box[1]}</ymin><xmax>${box[2]}</xmax><ymax>${box[3]}</ymax></bndbox></object>`
    await mkdir(join(dir, 'Annotations'))
    await writeFile(
      join(dir, 'Annotations', 'a.xml'),
      `<annotation><filename>a.jpg</filename><size><width>64</width><height>48</height><depth>3</depth></size>` +
        object('cat', 'Left', 1, 0, [2, 3, 30, 40]) + object('dog', 'Unspecified', 0, 1, [10, 10, 20, 20]) + '</annotation>',
    )
    const loupe = await workspace()
    await importWith(loupe, join(dir, 'images'), 'voc', join(dir, 'Annotations'))
    const { out } = await exportAs(loupe, 'voc')
    const xml = await readFile(join(out, 'Annotations', 'a.xml'), 'utf8')
    const flags = [...xml.matchAll(/<pose>(.*?)<\/pose>\s*<truncated>(\d)<\/truncated>\s*<difficult>(\d)<\/difficult>/g)].map((m) => m.slice(1))
    expect(flags).toEqual([
      ['Left', '1', '0'],
      ['Unspecified', '0', '1'],
    ])
    for (const format of ['coco', 'yolo'] as const) {
      expect((await loupe.client.api.exports.plan({ format })).warnings).toEqual(['2 boxes with difficult/truncated/pose not representable in this format'])
    }
  })
})

describe('VOC masks through the catalogue', () => {
  it('imports SegmentationObject masks with their objects and exports the same masks, flags and boxes', async () => {
    const { dir } = await pictures()
    await mkdir(join(dir, 'Annotations'))
    await mkdir(join(dir, 'SegmentationObject'))
    const object = (name: string, box: number[]) =>
      `<object><name>${name}</name><pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>` +
      `<bndbox><xmin>${box[0]}</xmin><ymin>${box[1]}</ymin><xmax>${box[2]}</xmax><ymax>${box[3]}</ymax></bndbox></object>`
    await writeFile(
      join(dir, 'Annotations', 'b.xml'),
      `<annotation><filename>b.jpg</filename><size><width>40</width><height>90</height><depth>3</depth></size>` +
        object('cat', [1, 1, 20, 90]) + object('dog', [21, 1, 40, 45]) + object('dog', [5, 5, 9, 9]) + '</annotation>',
    )
    // cat: the left half; dog: the top of the right half; the third object is a box without a mask.
    const values = new Uint8Array(40 * 90).map((_, pixel) => ((pixel % 40) < 20 ? 1 : Math.floor(pixel / 40) < 45 ? 2 : 0))
    await writeFile(join(dir, 'SegmentationObject', 'b.png'), indexedPng(40, 90, values))
    const loupe = await workspace()
    await importWith(loupe, join(dir, 'images'), 'voc', join(dir, 'Annotations'))
    expect(loupe.catalog.stats()).toMatchObject({ boxes: 3, masks: 2, polygons: 0 })
    const { out, result } = await exportAs(loupe, 'voc')
    expect(result.warnings).toEqual([])
    const [source, exported] = await Promise.all([readVoc(dir), readVoc(out)])
    // The export has every catalogue image; b is the one with annotations.
    const b = exported.set.images.find((image) => image.file === 'b.jpg')!
    expect(b).toEqual(source.set.images[0])
    expect(b.boxes.map((box) => box.shape?.kind)).toEqual(['mask', 'mask', undefined])
  })
})

/**
 * A COCO document with its ids replaced by what they name: images by file name in name order, each annotation by its
 * image and class, in the file's order within each image (the catalogue may number the images in another order).
 */
function withoutIds(coco: ReturnType<typeof toCocoDataset>) {
  const fileOf = new Map(coco.images.map((image) => [image.id, image.file_name]))
  const nameOf = new Map(coco.categories.map((category) => [category.id, category.name]))
  const byFile = (a: { image?: string; file_name?: string }, b: { image?: string; file_name?: string }) =>
    (a.image ?? a.file_name ?? '').localeCompare(b.image ?? b.file_name ?? '')
  return {
    ...coco,
    images: coco.images.map(({ id: _id, ...rest }) => rest).sort(byFile),
    categories: coco.categories.map(({ id: _id, ...rest }) => rest),
    annotations: coco.annotations
      .map(({ id: _id, image_id, category_id, ...rest }) => ({ ...rest, image: fileOf.get(image_id), category: nameOf.get(category_id) }))
      .sort(byFile),
  }
}
