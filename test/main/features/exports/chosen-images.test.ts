import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import type { Loupe } from '../../../../src/main/app/loupe'
import { readCoco } from '../../../../src/main/engines/formats'
import type { ExportRequest, ExportResult } from '../../../../src/shared/api/schemas'
import { freshLoupe } from '../../../support/loupe'
import { SHARED_DATA, tempDir } from '../../../support/paths'

const NEU = join(SHARED_DATA, 'neu-det')
let loupe: Loupe
let out: string

beforeAll(async () => {
  loupe = await freshLoupe()
  out = await tempDir('loupe-chosen-export-')
  const { id } = await loupe.client.api.imports.start({
    paths: [join(NEU, 'images')],
    annotations: { format: 'voc', path: join(NEU, 'annotations') },
  })
  await loupe.jobs.settled(id)
})

afterAll(async () => {
  await loupe?.close()
})

async function exported(request: Omit<ExportRequest, 'out'>, name: string): Promise<{ dir: string; result: ExportResult }> {
  const dir = join(out, name)
  const job = await loupe.jobs.settled((await loupe.client.api.exports.start({ ...request, out: dir })).id)
  expect(job.state, job.error ?? '').toBe('completed')
  return { dir, result: job.result as ExportResult }
}

async function idsOf(filter: { label?: string; fileName?: string }): Promise<number[]> {
  return (await loupe.client.api.catalog.listImages({ filter, limit: 1000 })).items.map((image) => image.id)
}

describe('exporting chosen images', () => {
  it('exports only the selection (imageIds), with every class kept so class ids stay the same', async () => {
    const selection = (await idsOf({ fileName: 'Scratches_1' })).slice(0, 3)
    const { dir, result } = await exported({ format: 'coco', filter: { imageIds: selection } }, 'selection')
    expect(result.images).toBe(3)
    const { set } = await readCoco(join(dir, 'annotations.json'))
    expect(set.images.map((image) => image.file).every((file) => file.startsWith('scratches_1'))).toBe(true)
    expect(set.classes).toHaveLength(6)
  })

  it('exports the images matching a filter: a label and a status together', async () => {
    await loupe.client.api.catalog.setStatus({ imageIds: (await idsOf({ label: 'patches' })).slice(0, 5), status: 'reviewed' })
    const { dir, result } = await exported({ format: 'voc', filter: { label: 'patches', status: 'reviewed' } }, 'reviewed-patches')
    expect(result.images).toBe(5)
    expect(await readdir(join(dir, 'Annotations'))).toHaveLength(5)
  })

  it('splits all 240 images 70/20/10 as YOLO, every class in every part, 168/48/24, the same for the same seed', async () => {
    const split = { train: 0.7, val: 0.2, test: 0.1, seed: 42 }
    const first = await exported({ format: 'yolo', split }, 'split-a')
    expect(first.result.parts).toEqual({ train: 168, val: 48, test: 24 })
    const data = parseYaml(await readFile(join(first.dir, 'data.yaml'), 'utf8')) as Record<string, unknown>
    expect(data).toMatchObject({ path: first.dir, train: 'images/train', val: 'images/val', test: 'images/test', nc: 6 })
    for (const part of ['train', 'val', 'test']) {
      const labels = await readdir(join(first.dir, 'labels', part))
      const classes = new Set(labels.map((file) => file.replace(/_\d+\.txt$/, '')))
      expect(classes.size, part).toBe(6)
    }
    const second = await exported({ format: 'yolo', split }, 'split-b')
    for (const part of ['train', 'val', 'test']) {
      expect(await readdir(join(second.dir, 'labels', part))).toEqual(await readdir(join(first.dir, 'labels', part)))
    }
  })

  it('refuses, before starting, a filter that matches nothing, a split folder-per-class export and fractions that do not add up', async () => {
    const start = (request: Omit<ExportRequest, 'out'>) => loupe.client.api.exports.start({ ...request, out: join(out, 'refused') })
    await expect(start({ format: 'coco', filter: { fileName: 'no such name' } })).rejects.toThrow(/No image matches/)
    await expect(start({ format: 'folders', split: { train: 0.8, val: 0.2, test: 0 } })).rejects.toThrow(/cannot be split/)
    await expect(start({ format: 'yolo', split: { train: 0.8, val: 0.3, test: 0 } })).rejects.toThrow(/add up to 1/)
    await expect(readdir(out)).resolves.not.toContain('refused')
  })
})
