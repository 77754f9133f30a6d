import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { ImportRequest } from '../../../../src/shared/api/schemas'
import { freshLoupe } from '../../../support/loupe'
import { COCO_IMAGES, SHARED_DATA } from '../../../support/paths'

const COCO_JSON = join(SHARED_DATA, 'coco128', 'annotations', 'instances_train2017.json')
const NEU = join(SHARED_DATA, 'neu-det')

let loupe: Loupe | undefined
afterEach(async () => {
  await loupe?.close()
  loupe = undefined
})

async function importWith(open: Loupe, paths: string[], annotations: NonNullable<ImportRequest['annotations']>): Promise<void> {
  const { id } = await open.client.api.imports.start({ paths, annotations })
  expect((await open.jobs.settled(id)).state).toBe('completed')
}

async function hotkeys(open: Loupe): Promise<Record<string, string>> {
  const labels = await open.client.api.catalog.listLabels({})
  return Object.fromEntries(labels.filter((label) => label.hotkey !== null).map((label) => [label.hotkey!, label.name]))
}

/** COCO class names by how many boxes the file gives them, most first (file order among equals). */
async function cocoClassesByBoxes(): Promise<string[]> {
  const coco = JSON.parse(await readFile(COCO_JSON, 'utf8')) as {
    categories: { id: number; name: string }[]
    annotations: { category_id: number }[]
  }
  const count = new Map<number, number>()
  for (const box of coco.annotations) count.set(box.category_id, (count.get(box.category_id) ?? 0) + 1)
  return coco.categories
    .filter((category) => count.has(category.id))
    .sort((a, b) => count.get(b.id)! - count.get(a.id)!)
    .map((category) => category.name)
}

describe('hotkeys on annotation import', () => {
  it('gives 1–9 to the nine most boxed COCO classes, and a second import changes nothing', async () => {
    loupe = await freshLoupe()
    await importWith(loupe, [COCO_IMAGES], { format: 'coco', path: COCO_JSON })
    const ranked = await cocoClassesByBoxes()
    const expected = Object.fromEntries(ranked.slice(0, 9).map((name, index) => [String(index + 1), name]))
    expect(await hotkeys(loupe)).toEqual(expected)

    await importWith(loupe, [COCO_IMAGES], { format: 'coco', path: COCO_JSON })
    expect(await hotkeys(loupe)).toEqual(expected)
  })

  it('keeps hotkeys someone chose and fills only the free digits', async () => {
    loupe = await freshLoupe()
    const ranked = await cocoClassesByBoxes()
    // The most boxed class already has 5; an unrelated label holds 1.
    await loupe.client.api.labels.create({ name: ranked[0]!, hotkey: '5' })
    await loupe.client.api.labels.create({ name: 'unused', hotkey: '1' })
    await importWith(loupe, [COCO_IMAGES], { format: 'coco', path: COCO_JSON })

    const free = ['2', '3', '4', '6', '7', '8', '9']
    expect(await hotkeys(loupe)).toEqual({
      '1': 'unused',
      '5': ranked[0],
      ...Object.fromEntries(free.map((key, index) => [key, ranked[index + 1]])),
    })
  })

  it('gives every class of a small VOC dataset a hotkey', async () => {
    loupe = await freshLoupe()
    await importWith(loupe, [join(NEU, 'images')], { format: 'voc', path: join(NEU, 'annotations') })
    const labels = await loupe.client.api.catalog.listLabels({})
    const byBoxes = [...labels].sort((a, b) => b.boxCount - a.boxCount || a.id - b.id)
    expect(byBoxes.map((label) => label.hotkey)).toEqual(['1', '2', '3', '4', '5', '6'])
  })
})
