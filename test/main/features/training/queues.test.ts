import { copyFile, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { openCatalogDatabase } from '../../../../src/main/platform/storage/database'
import { MIGRATIONS } from '../../../../src/main/platform/storage/migrations'
import type { ImageSummary, TrainResult } from '../../../../src/shared/api/schemas'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { COCO_IMAGES, MOBILENET_DIR, SHARED_DATA, tempDir } from '../../../support/paths'

const NEU_IMAGES = join(SHARED_DATA, 'neu-det', 'images')
/** Tagged images per NEU class; the other 15 of each class, and every COCO image, stay unlabelled. */
const TAGGED_PER_CLASS = 25
const COCO_COUNT = 80
/** The training queues rank this many images of the label-next queue whenever predictions change. */
const RANKED = 200

let loupe: Loupe


/** Every image of a listing, page by page, the way the library's grid fetches them. */
async function listAll(request: Record<string, unknown>, pageSize = 70): Promise<ImageSummary[]> {
  const items: ImageSummary[] = []
  for (let offset = 0; ; offset += pageSize) {
    const page = await loupe.client.api.catalog.listImages({ ...request, offset, limit: pageSize })
    items.push(...page.items)
    if (offset + pageSize >= page.total) return items
  }
}

const ids = (items: readonly { id: number }[]) => items.map((item) => item.id)
const byName = new Map<string, number>()

beforeAll(async () => {
  loupe = await freshLoupe()
  await loupe.client.api.models.add({ path: MOBILENET_DIR })
  const coco = join(await tempDir(), 'coco')
  await mkdir(coco)
  for (const file of (await readdir(COCO_IMAGES)).sort().slice(0, COCO_COUNT)) await copyFile(join(COCO_IMAGES, file), join(coco, file))
  await importThroughApi(loupe, [NEU_IMAGES, coco])
  await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
  const all = loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 1000 }).items
  for (const image of all) byName.set(image.fileName, image.id)
}, 300_000)
afterAll(async () => loupe?.close())

describe('prediction queues in the library', () => {
  it('has no Model counts and empty queues before a classifier exists', async () => {
    const stats = await loupe.client.api.catalog.stats({})
    expect(stats.predictions).toBeNull()
    expect((await loupe.client.api.catalog.listImages({ filter: { queue: 'labelNext' } })).total).toBe(0)
    expect((await loupe.client.api.catalog.listImages({ filter: { queue: 'labelErrors' } })).total).toBe(0)
  })

  it('counts predictions per class and per queue once a classifier is trained', async () => {
    const classes = ['crazing', 'inclusion', 'patches', 'pitted_surface', 'rolled-in_scale', 'scratches']
    for (const name of classes) {
      const tagged = Array.from({ length: TAGGED_PER_CLASS }, (_, i) => byName.get(`${name}_${i + 1}.jpg`)!)
      await loupe.client.api.catalog.labelImages({ imageIds: tagged, label: name })
    }
    const { id } = await loupe.client.api.training.start({ seed: 3 })
    const job = await loupe.jobs.settled(id)
    expect(job.error).toBeNull()
    const result = job.result as TrainResult
    expect(result.predicted).toBe(240 + COCO_COUNT)

    const stats = await loupe.client.api.catalog.stats({})
    const unlabelled = 6 * (40 - TAGGED_PER_CLASS) + COCO_COUNT
    expect(stats.predictions).toMatchObject({ classifier: result.model, predicted: 240 + COCO_COUNT, labelNext: unlabelled })
    expect(Object.keys(stats.predictions!.byLabel).sort()).toEqual(classes)
    expect(Object.values(stats.predictions!.byLabel).reduce((a, b) => a + b, 0)).toBe(240 + COCO_COUNT)
    for (const name of classes) {
      const page = await loupe.client.api.catalog.listImages({ filter: { predictedLabel: name }, limit: 1 })
      expect(page.total).toBe(stats.predictions!.byLabel[name])
    }
    // The workspace's side panel reads the prediction of the image it shows.
    const detail = await loupe.client.api.catalog.getImage({ id: byName.get('scratches_40.jpg')! })
    expect(detail.prediction).toMatchObject({ label: 'scratches', confidence: expect.any(Number) })
  })

  it('pages through the label-next queue in the order training.labelNext gives, the rest by uncertainty', async () => {
    const queue = await listAll({ filter: { queue: 'labelNext' } })
    const unlabelled = 6 * (40 - TAGGED_PER_CLASS) + COCO_COUNT
    expect(queue).toHaveLength(unlabelled)
    expect(queue.every((image) => image.labels.length === 0 && image.prediction)).toBe(true)

    // The first RANKED come in the greedy, diversity-aware order; the same request to labelNext agrees.
    const greedy = await loupe.client.api.training.labelNext({ limit: RANKED })
    expect(ids(queue.slice(0, RANKED))).toEqual(ids(greedy))
    // The rest follow by margin, smallest first (margin = 1 − uncertainty with the default strategy).
    const rest = loupe.training.store.predictionsOf(ids(queue.slice(RANKED)))
    const margins = ids(queue.slice(RANKED)).map((id) => rest.get(id)!.margin)
    expect(margins).toEqual([...margins].sort((a, b) => a - b))
    expect(Math.min(...margins)).toBeGreaterThanOrEqual(Math.max(...greedy.map((item) => 1 - item.uncertainty)) - 1e-12)

    // A queue has its own order: sort and direction do not change it.
    const sortedByName = await listAll({ filter: { queue: 'labelNext' }, sort: 'name', descending: true }, 200)
    expect(ids(sortedByName)).toEqual(ids(queue))
  })

  it('keeps its order as images get labelled, and ranks afresh when predictions are refreshed', async () => {
    const before = ids(await listAll({ filter: { queue: 'labelNext' } }))
    const [first, second] = before
    await loupe.client.api.training.acceptPredictions({ imageIds: [first!] })
    await loupe.client.api.annotations.addBox({ imageId: second!, label: 'crazing', x: 1, y: 1, width: 20, height: 20 })
    const after = ids(await listAll({ filter: { queue: 'labelNext' } }))
    expect(after).toEqual(before.slice(2))
    expect((await loupe.client.api.catalog.stats({})).predictions!.labelNext).toBe(before.length - 2)

    await loupe.training.predictions.refresh('all')
    const greedy = await loupe.client.api.training.labelNext({ limit: RANKED })
    const refreshed = ids(await listAll({ filter: { queue: 'labelNext' } }))
    expect(refreshed.slice(0, RANKED)).toEqual(ids(greedy))
    expect(new Set(refreshed)).toEqual(new Set(after))
  })

  it('lists possible label errors as training.labelErrors finds them, most confident first', async () => {
    // Swap the tags of confidently predicted images to another class.
    const sure = (await listAll({ filter: { label: 'inclusion', predictedLabel: 'inclusion', minConfidence: 0.9 } })).slice(0, 3)
    expect(sure).toHaveLength(3)
    for (const image of sure) await loupe.client.api.annotations.setTags({ imageId: image.id, tags: ['scratches'] })

    const errors = await listAll({ filter: { queue: 'labelErrors' } })
    const expected = await loupe.client.api.training.labelErrors({})
    expect(ids(errors)).toEqual(ids(expected))
    expect(ids(errors)).toEqual(expect.arrayContaining(ids(sure)))
    const confidences = errors.map((image) => image.prediction!.confidence)
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a))
    expect(confidences.every((confidence) => confidence >= 0.8)).toBe(true)
    expect((await loupe.client.api.catalog.stats({})).predictions!.labelErrors).toBe(errors.length)

    // Facets combine with a queue.
    const predictedInclusion = await listAll({ filter: { queue: 'labelErrors', predictedLabel: 'inclusion' } })
    expect(ids(predictedInclusion)).toEqual(ids(errors.filter((image) => image.prediction!.label === 'inclusion')))

    // Accepting the prediction fixes the label: the image leaves the queue.
    await loupe.client.api.training.acceptPredictions({ imageIds: [sure[0]!.id] })
    expect(ids(await listAll({ filter: { queue: 'labelErrors' } }))).not.toContain(sure[0]!.id)
  })

  it('searches for similar images within the prediction filters and queues', async () => {
    const query = { imageId: byName.get('crazing_1.jpg')! }
    const predicted = await loupe.client.api.search.similar({ query, k: 20, filter: { predictedLabel: 'patches' } })
    expect(predicted.length).toBeGreaterThan(0)
    const patches = new Set(ids(await listAll({ filter: { predictedLabel: 'patches' } })))
    expect(predicted.every((hit) => patches.has(hit.id))).toBe(true)

    const sure = await loupe.client.api.search.similar({ query, k: 20, filter: { minConfidence: 0.95 } })
    const sureIds = new Set(ids(await listAll({ filter: { minConfidence: 0.95 } })))
    expect(sure.every((hit) => sureIds.has(hit.id))).toBe(true)

    const next = await loupe.client.api.search.similar({ query, k: 20, filter: { queue: 'labelNext' } })
    expect(next).toHaveLength(20)
    expect(next.every((hit) => hit.labels.length === 0)).toBe(true)
  })

  it('refuses an unknown queue with a clear error', async () => {
    await expect(loupe.client.api.catalog.listImages({ filter: { queue: 'labelLater' as 'labelNext' } })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/queue/),
    })
  })
})

describe('migration 7 (label-next rank)', () => {
  it('adds an empty queue rank to the predictions a version 6 catalogue has', async () => {
    const file = join(await tempDir(), 'catalog.sqlite')
    const raw = new Database(file)
    for (const migration of MIGRATIONS.filter((m) => m.version <= 6)) raw.exec(migration.sql)
    raw.pragma('application_id = 1280267600')
    raw.pragma('user_version = 6')
    const now = '2024-01-01T00:00:00.000Z'
    raw.prepare(`INSERT INTO images (path, file_name, content_hash, bytes, width, height, format, added_at) VALUES ('/a.jpg', 'a.jpg', 'h', 1, 1, 1, 'jpeg', ?)`).run(now)
    raw
      .prepare(
        `INSERT INTO classifiers (created_at, origin, backbone_id, samples, classes, train_count, val_count, epochs, best_epoch,
           stopped_by, seconds, options, counts, curves, weights, active)
         VALUES (?, 'trained', 'm', 'images', '["a","b"]', 1, 1, 1, 1, 'max-epochs', 1, '{}', '{}', '[]', x'00', 1)`,
      )
      .run(now)
    raw.prepare(`INSERT INTO predictions (image_id, classifier_id, content_hash, label, confidence, margin, created_at) VALUES (1, 1, 'h', 'a', 0.7, 0.4, ?)`).run(now)
    raw.close()

    const db = openCatalogDatabase(file)
    try {
      expect(db.prepare('SELECT image_id, label, queue_rank FROM predictions').all()).toEqual([{ image_id: 1, label: 'a', queue_rank: null }])
    } finally {
      db.close()
    }
  })
})
