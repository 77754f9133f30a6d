import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { ExportResult, ImportResult } from '../../../../src/shared/api/schemas'
import { settled, workspacePerTest } from '../../../support/workspaces'
import { COCO_IMAGES, SHARED_DATA, tempDir } from '../../../support/paths'

const COCO_JSON = join(SHARED_DATA, 'coco128', 'annotations', 'instances_train2017.json')

type Json = Record<string, unknown>
interface CocoFile {
  info: Json
  licenses: Json[]
  images: Json[]
  annotations: Json[]
  categories: Json[]
}

const workspaces = workspacePerTest()
const workspace = workspaces.open
const run = settled

async function importCoco(loupe: Loupe, json = COCO_JSON) {
  return run(loupe, loupe.client.api.imports.start({ paths: [COCO_IMAGES], annotations: { format: 'coco', path: json } }))
}

async function exportCoco(loupe: Loupe): Promise<{ result: ExportResult; file: CocoFile }> {
  const out = join(await tempDir(), 'coco')
  const job = await run(loupe, loupe.client.api.exports.start({ format: 'coco', out }))
  return { result: job.result as ExportResult, file: JSON.parse(await readFile(join(out, 'annotations.json'), 'utf8')) as CocoFile }
}

/**
 * A COCO file with its ids replaced by what they stand for (an image by its file name, a category by its name), so two
 * files that differ only in numbering compare equal: images by file name, each with its annotations in order.
 */
function byMeaning(coco: CocoFile) {
  const fileOf = new Map(coco.images.map((image) => [image.id, image.file_name as string]))
  const nameOf = new Map(coco.categories.map((category) => [category.id, category.name as string]))
  const annotationsOf = new Map<string, Json[]>()
  for (const { id: _id, image_id, category_id, ...rest } of coco.annotations) {
    const file = fileOf.get(image_id)!
    annotationsOf.set(file, [...(annotationsOf.get(file) ?? []), { ...rest, category: nameOf.get(category_id) }])
  }
  const { images, annotations: _a, categories, ...top } = coco
  return {
    top,
    categories: Object.fromEntries(categories.map(({ id: _id, ...rest }) => [rest.name as string, rest])),
    images: Object.fromEntries(images.map(({ id: _id, ...rest }) => [rest.file_name as string, { ...rest, annotations: annotationsOf.get(rest.file_name as string) ?? [] }])),
  }
}

describe('COCO with segmentation through the catalogue', () => {
  it('gives coco128 back field by field: polygons, crowd RLE, area, bbox, supercategory, licenses, info, image fields', async () => {
    const original = JSON.parse(await readFile(COCO_JSON, 'utf8')) as CocoFile
    const loupe = await workspace()
    const imported = (await importCoco(loupe)).result as ImportResult
    expect(imported.annotations).toMatchObject({ boxes: 939, skippedCount: 0 })
    expect(imported.annotations?.notes).toBeUndefined()
    expect(loupe.catalog.stats()).toMatchObject({ boxes: 939, polygons: 929, masks: 10 })

    const plan = await loupe.client.api.exports.plan({ format: 'coco' })
    expect(plan).toEqual({ images: 128, boxes: 939, losses: [], warnings: [] })
    const { result, file } = await exportCoco(loupe)
    expect(result.warnings).toEqual([])
    // The ids changed (catalogue numbering); everything they stand for did not.
    expect(byMeaning(file)).toEqual(byMeaning(original))
    expect(file.annotations.filter((a) => a.iscrowd === 1)).toHaveLength(10)
    expect(file.annotations.flatMap((a) => (Array.isArray(a.segmentation) ? a.segmentation : []))).toHaveLength(1048)

    // Importing the same file again adds nothing and says nothing was replaced.
    const again = (await importCoco(loupe)).result as ImportResult
    expect(again.annotations).toMatchObject({ boxes: 0 })
    expect(again.annotations?.notes).toBeUndefined()
  })

  it('keeps the latest of two disagreeing imports and says so', async () => {
    const original = JSON.parse(await readFile(COCO_JSON, 'utf8')) as CocoFile
    const changed = structuredClone(original)
    changed.info = { ...changed.info, version: '2.0' }
    changed.categories[0] = { ...changed.categories[0], supercategory: 'human' }
    changed.images[0] = { ...changed.images[0], license: 99 }
    const second = join(await tempDir(), 'changed.json')
    await writeFile(second, JSON.stringify(changed))
    const loupe = await workspace()
    await importCoco(loupe)
    const result = (await importCoco(loupe, second)).result as ImportResult
    expect(result.annotations?.notes).toEqual([
      "The dataset's info differed from an earlier import's; this import's are kept.",
      "1 class had other fields (supercategory…) from an earlier import; this import's are kept.",
      "1 image had other fields (license, coco_url…) from an earlier import; this import's are kept.",
    ])
    const { file } = await exportCoco(loupe)
    expect(byMeaning(file)).toEqual(byMeaning(changed))
  })

  it('derives the box from an edited shape, computes its area, and undo brings back the file’s shape and area', async () => {
    const original = JSON.parse(await readFile(COCO_JSON, 'utf8')) as CocoFile
    const loupe = await workspace()
    await importCoco(loupe)
    const image = loupe.catalog.listImages({ filter: { fileName: '000000000009.jpg' }, sort: 'name', descending: false, offset: 0, limit: 1 }).items[0]!
    const before = await loupe.client.api.annotations.get({ imageId: image.id })
    const target = before.boxes.find((box) => box.shape?.kind === 'polygons')!
    expect(target.extra).toEqual({ area: expect.any(Number) })

    const square = { kind: 'polygons' as const, polygons: [[10, 20, 110, 20, 110, 70, 10, 70]] }
    const edited = await loupe.client.api.annotations.updateBox({ imageId: image.id, boxId: target.id, shape: square })
    const after = edited.boxes.find((box) => box.id === target.id)!
    expect(after).toMatchObject({ x: 10, y: 20, width: 100, height: 50, shape: square })
    expect(after.extra).toBeUndefined()
    const exported = byMeaning((await exportCoco(loupe)).file).images['000000000009.jpg']!.annotations
    const index = before.boxes.indexOf(target)
    expect(exported[index]).toMatchObject({ bbox: [10, 20, 100, 50], area: 5000, segmentation: square.polygons, iscrowd: 0 })

    // Moving and resizing the box takes the polygons along, stretched with it.
    const moved = await loupe.client.api.annotations.updateBox({ imageId: image.id, boxId: target.id, x: 20, width: 200 })
    expect(moved.boxes.find((box) => box.id === target.id)).toMatchObject({
      x: 20,
      y: 20,
      width: 200,
      height: 50,
      shape: { kind: 'polygons', polygons: [[20, 20, 220, 20, 220, 70, 20, 70]] },
    })
    await expect(
      loupe.client.api.annotations.updateBox({ imageId: image.id, boxId: target.id, x: 5, shape: square }),
    ).rejects.toThrow(/either a new shape or a new box/)
    await loupe.client.api.annotations.undo({ imageId: image.id })
    const undone = await loupe.client.api.annotations.undo({ imageId: image.id })
    expect(undone.boxes).toEqual(before.boxes)
    expect(byMeaning((await exportCoco(loupe)).file)).toEqual(byMeaning(original))
    const redone = await loupe.client.api.annotations.redo({ imageId: image.id })
    expect(redone.boxes.find((box) => box.id === target.id)).toEqual(after)

    // A mask's box stays where its mask is (image 257 has a crowd region).
    const crowdImage = loupe.catalog.listImages({ filter: { fileName: '000000000257.jpg' }, sort: 'name', descending: false, offset: 0, limit: 1 }).items[0]!
    const mask = (await loupe.client.api.annotations.get({ imageId: crowdImage.id })).boxes.find((box) => box.shape?.kind === 'mask')!
    await expect(loupe.client.api.annotations.updateBox({ imageId: crowdImage.id, boxId: mask.id, x: 1 })).rejects.toThrow(
      'A mask object is moved or resized by editing its mask, not its box.',
    )
  })

  it('adds polygon and mask objects through the API, refuses bad shapes with the reason, and exports them', async () => {
    const loupe = await workspace()
    await importCoco(loupe)
    const image = loupe.catalog.listImages({ filter: { fileName: '000000000025.jpg' }, sort: 'name', descending: false, offset: 0, limit: 1 }).items[0]!
    const { width, height } = await loupe.client.api.annotations.get({ imageId: image.id })
    const api = loupe.client.api.annotations
    const count = (await api.get({ imageId: image.id })).boxes.length

    await expect(api.addBox({ imageId: image.id, label: 'giraffe', shape: { kind: 'polygons', polygons: [[1, 1, 50, 50]] } })).rejects.toThrow(
      /the polygon has 4 numbers; a polygon needs at least 3 points/,
    )
    await expect(
      api.addBox({ imageId: image.id, label: 'giraffe', shape: { kind: 'polygons', polygons: [[1, 1, 50, 50, 9000, 3]] } }),
    ).rejects.toThrow(/outside the/)
    await expect(
      api.addBox({ imageId: image.id, label: 'giraffe', shape: { kind: 'mask', rle: { size: [height, width], counts: [5, 5] } } }),
    ).rejects.toThrow(/RLE counts add up to 10, not/)
    await expect(api.addBox({ imageId: image.id, label: 'giraffe', x: 1, y: 1, width: 5, height: 5, shape: { kind: 'polygons', polygons: [[1, 1, 9, 1, 9, 9]] } })).rejects.toThrow(
      /either the box .* or a shape/,
    )
    expect((await api.get({ imageId: image.id })).boxes).toHaveLength(count)

    // A 3×2 block of foreground pixels at columns 4–6, rows 10–11 (column-major runs).
    const counts: number[] = [4 * height + 10]
    for (let column = 0; column < 3; column++) counts.push(2, height - 2)
    counts[counts.length - 1] = width * height - counts.slice(0, -1).reduce((a, b) => a + b, 0)
    const mask = { kind: 'mask' as const, rle: { size: [height, width] as [number, number], counts } }
    const withMask = await api.addBox({ imageId: image.id, label: 'giraffe', shape: mask, crowd: true })
    expect(withMask.boxes.at(-1)).toMatchObject({ x: 4, y: 10, width: 3, height: 2, shape: mask, crowd: true })
    const triangle = { kind: 'polygons' as const, polygons: [[0, 0, 40, 0, 0, 30]] }
    const withPolygon = await api.addBox({ imageId: image.id, label: 'giraffe', shape: triangle })
    expect(withPolygon.boxes.at(-1)).toMatchObject({ x: 0, y: 0, width: 40, height: 30, shape: triangle })
    expect(loupe.catalog.stats()).toMatchObject({ polygons: 930, masks: 11 })

    const exported = byMeaning((await exportCoco(loupe)).file).images['000000000025.jpg']!.annotations.slice(-2)
    expect(exported).toEqual([
      { bbox: [4, 10, 3, 2], area: 6, iscrowd: 1, segmentation: { size: [height, width], counts }, category: 'giraffe' },
      { bbox: [0, 0, 40, 30], area: 600, iscrowd: 0, segmentation: triangle.polygons, category: 'giraffe' },
    ])

    // YOLO segmentation cannot hold a mask or a crowd flag: said before the export and in its result, with counts.
    const plan = await loupe.client.api.exports.plan({ format: 'yolo-seg' })
    const lost = ['11 crowd regions will be written as ordinary objects (this format has no crowd flag)', '11 masks will be written as boxes']
    expect(plan.warnings).toEqual(expect.arrayContaining(lost))
    const out = join(await tempDir(), 'yolo-seg')
    const yolo = (await run(loupe, loupe.client.api.exports.start({ format: 'yolo-seg', out }))).result as ExportResult
    expect(yolo.warnings).toEqual(plan.warnings)
    const boxesPlan = await loupe.client.api.exports.plan({ format: 'yolo' })
    expect(boxesPlan.warnings).toContain('930 polygons will be written as boxes')
  })

  it('refuses a file with a bad segmentation, naming each, and imports none of its annotations', async () => {
    const original = JSON.parse(await readFile(COCO_JSON, 'utf8')) as CocoFile
    const broken = structuredClone(original)
    const [first, second, third] = broken.annotations
    first!.segmentation = [[1, 2, 3, 4]]
    second!.segmentation = { size: [480, 640], counts: [5, 5] }
    third!.segmentation = 'a mask'
    const path = join(await tempDir(), 'broken.json')
    await writeFile(path, JSON.stringify(broken))
    const loupe = await workspace()
    const job = await importCoco(loupe, path)
    expect(job.state).toBe('failed')
    expect(job.error).toContain('"segmentation": the polygon has 4 numbers; a polygon needs at least 3 points')
    expect(job.error).toMatch(/"segmentation": (the mask is|RLE counts add up to 10)/)
    expect(job.error).toContain('"segmentation" must be polygons')
    expect(loupe.catalog.stats()).toMatchObject({ boxes: 0, polygons: 0, masks: 0 })
  })
})
