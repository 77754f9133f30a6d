import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { EpochEvent, TrainResult } from '../../../../src/shared/api/schemas'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { MOBILENET_DIR, SHARED_DATA, tempDir } from '../../../support/paths'

const NEU = join(SHARED_DATA, 'neu-det')

let loupe: Loupe


const allImages = () =>
  loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 1000 }).items
const idOf = (file: string) => allImages().find((image) => image.fileName === file)!.id

async function train(request: Record<string, unknown> = {}): Promise<{ result: TrainResult; jobId: number; epochs: EpochEvent[] }> {
  const epochs: EpochEvent[] = []
  const unsubscribe = loupe.events.subscribe((event, payload) => {
    if (event === 'training.epoch') epochs.push(payload as EpochEvent)
  })
  try {
    const { id } = await loupe.client.api.training.start(request)
    const job = await loupe.jobs.settled(id)
    expect(job.error).toBeNull()
    expect(job.state).toBe('completed')
    return { result: job.result as TrainResult, jobId: id, epochs: epochs.filter((epoch) => epoch.jobId === id) }
  } finally {
    unsubscribe()
  }
}

beforeAll(async () => {
  loupe = await freshLoupe()
  await loupe.client.api.models.add({ path: MOBILENET_DIR })
  const { id } = await loupe.client.api.imports.start({
    paths: [join(NEU, 'images')],
    annotations: { format: 'voc', path: join(NEU, 'annotations') },
  })
  const job = await loupe.jobs.settled(id)
  expect(job.state).toBe('completed')
  await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
}, 240_000)
afterAll(async () => loupe?.close())

/** Tags every NEU image with the class of its boxes (all of an image's boxes share one class). */
async function tagWithBoxClass(): Promise<void> {
  const byClass = new Map<string, number[]>()
  for (const image of allImages()) {
    const { boxes } = loupe.annotations.get(image.id)
    const label = boxes[0]?.label
    if (!label) continue
    byClass.set(label, [...(byClass.get(label) ?? []), image.id])
  }
  for (const [label, ids] of byClass) await loupe.client.api.catalog.labelImages({ imageIds: ids, label })
}

describe('training', () => {
  // On image tags alone: the VOC boxes would otherwise give every image a class (see label-sources.test.ts).
  it('explains, with a typed error, when the labels cannot train a classifier', async () => {
    const status = await loupe.client.api.training.status({ labels: 'tags' })
    expect(status.readiness).toMatchObject({ ready: false })
    expect(status.active).toBeNull()
    await expect(loupe.client.api.training.start({ labels: 'tags' })).rejects.toMatchObject({ code: 'conflict', details: { training: 'no-labels' } })

    const crazing = allImages().filter((image) => image.fileName.startsWith('crazing_')).slice(0, 6).map((image) => image.id)
    await loupe.client.api.catalog.labelImages({ imageIds: crazing, label: 'crazing' })
    await expect(loupe.client.api.training.start({ labels: 'tags' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/at least two classes.*"crazing" \(6\)/),
      details: { training: 'one-class' },
    })

    const patches = allImages().filter((image) => image.fileName.startsWith('patches_')).slice(0, 3).map((image) => image.id)
    await loupe.client.api.catalog.labelImages({ imageIds: patches, label: 'patches' })
    await expect(loupe.client.api.training.start({ labels: 'tags' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/at least 5 labelled images.*"patches" \(3\)/),
      details: { training: 'too-few', counts: { crazing: 6, patches: 3 } },
    })
    expect(loupe.jobs.list().filter((job) => job.kind === 'train')).toHaveLength(0)
  })

  it('trains on NEU-DET image classes to at least 95% validation accuracy, stopping early, with live curves', async () => {
    await tagWithBoxClass()
    const { result, jobId, epochs } = await train()
    expect(result.valAccuracy).toBeGreaterThanOrEqual(0.95)
    expect(result.stoppedBy).toBe('early-stopping')
    expect(result.epochs).toBeLessThan(100)
    expect(result.bestEpoch).toBeLessThanOrEqual(result.epochs - 5)
    expect(result.trainCount + result.valCount).toBe(240)
    expect(result.valCount).toBe(48) // 20% of each class's 40
    expect(Object.keys(result.perClass).sort()).toEqual(['crazing', 'inclusion', 'patches', 'pitted_surface', 'rolled-in_scale', 'scratches'])
    expect(result.predicted).toBe(240)
    expect(result.backend).toMatch(/wasm/)

    // One pushed event per epoch, and the same curve persisted.
    expect(epochs.map((epoch) => epoch.epoch)).toEqual(Array.from({ length: result.epochs }, (_, i) => i + 1))
    expect(epochs.at(-1)).toMatchObject({ maxEpochs: 100, bestEpoch: result.bestEpoch })
    const curves = await loupe.client.api.training.curves({ jobId })
    expect(curves).toEqual(epochs.map(({ jobId: _j, maxEpochs: _m, bestEpoch: _b, ...epoch }) => epoch))

    // The version: active, with its evaluation (confusion cells hold the validation images' ids).
    const [version] = await loupe.client.api.training.versions({})
    expect(version).toMatchObject({ id: result.versionId, active: true, origin: 'trained', backbone: 'mobilenet-v2-0.35-224', samples: 'images' })
    const detail = await loupe.client.api.training.version({ id: result.versionId })
    const confusion = detail.metrics!.confusion
    expect(confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(48)
    expect(confusion.imageIds.flat(2)).toHaveLength(48)
    const diagonal = confusion.labels.reduce((sum, _label, i) => sum + confusion.counts[i]![i]!, 0)
    expect(diagonal / 48).toBeCloseTo(result.valAccuracy, 10)
    const scratchesRow = confusion.labels.indexOf('scratches')
    const scratchesCell = confusion.imageIds[scratchesRow]![scratchesRow]!
    expect(loupe.catalog.summariesOf(scratchesCell).every((image) => image.fileName.startsWith('scratches_'))).toBe(true)
    expect(detail.counts.scratches).toEqual({ train: 32, val: 8 })
    expect(detail.curves).toHaveLength(result.epochs)

    // Predictions drive the library: filter by predicted label, sort by confidence.
    const status = await loupe.client.api.training.status({})
    expect(status).toMatchObject({ predicted: 240, unpredicted: 0, active: { id: result.versionId } })
    const page = await loupe.client.api.catalog.listImages({ filter: { predictedLabel: 'inclusion' }, sort: 'confidence', descending: true })
    expect(page.total).toBeGreaterThanOrEqual(36)
    expect(page.items.every((image) => image.prediction?.label === 'inclusion')).toBe(true)
    const confidences = page.items.map((image) => image.prediction!.confidence)
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a))
    const sure = await loupe.client.api.catalog.listImages({ filter: { minConfidence: 0.9 } })
    expect(sure.items.every((image) => image.prediction!.confidence >= 0.9)).toBe(true)
  })

  it('keeps the best weights so far when training is cancelled', async () => {
    const epochs: EpochEvent[] = []
    let jobId = 0
    const unsubscribe = loupe.events.subscribe((event, payload) => {
      if (event !== 'training.epoch') return
      epochs.push(payload as EpochEvent)
      if (epochs.length === 3) loupe.jobs.cancel(jobId)
    })
    try {
      // A long run that would not stop by itself; small batches make each epoch long enough to cancel in.
      jobId = (await loupe.client.api.training.start({ maxEpochs: 1000, patience: 100, batchSize: 4, seed: 7 })).id
      const job = await loupe.jobs.settled(jobId)
      expect(job.state).toBe('cancelled')
    } finally {
      unsubscribe()
    }
    const versions = await loupe.client.api.training.versions({})
    const cancelled = versions.find((version) => version.stoppedBy === 'cancelled')!
    expect(cancelled).toBeDefined()
    expect(cancelled.active).toBe(false)
    expect(cancelled.epochs).toBeGreaterThanOrEqual(3)
    expect(cancelled.epochs).toBeLessThan(200)
    const best = epochs.slice(0, cancelled.epochs).reduce((a, b) => (b.valLoss < a.valLoss ? b : a))
    expect(cancelled.bestEpoch).toBe(best.epoch)
    expect(cancelled.valAccuracy).toBeCloseTo(best.valAccuracy, 10)
    // The active version (and its predictions) did not change.
    expect(versions.find((version) => version.active)?.stoppedBy).toBe('early-stopping')
    await loupe.client.api.training.deleteVersion({ id: cancelled.id })
  })

  it('counts a Stop that arrives after training finished (while predicting) as completed, the version active', async () => {
    let jobId = 0
    const unsubscribe = loupe.events.subscribe((event, payload) => {
      // Emitted once the finished version is stored, just before every image is predicted again.
      if (event === 'training.changed' && (payload as { reason: string }).reason === 'versions' && jobId) loupe.jobs.cancel(jobId)
    })
    try {
      jobId = (await loupe.client.api.training.start({ seed: 3 })).id
      const job = await loupe.jobs.settled(jobId)
      expect(job.state).toBe('completed')
      const result = job.result as TrainResult
      expect(result.stoppedBy).toBe('early-stopping')
      const active = (await loupe.client.api.training.versions({})).find((version) => version.active)!
      expect(active.id).toBe(result.versionId)
    } finally {
      unsubscribe()
    }
  })

  it('exports a version as a TF.js layers model and imports it back with identical predictions', async () => {
    const [active] = (await loupe.client.api.training.versions({})).filter((version) => version.active)
    const dir = join(await tempDir(), 'exported')
    const exported = await loupe.client.api.training.exportVersion({ id: active!.id, dir })
    expect(exported.files.sort()).toEqual(['loupe-classifier.json', 'model.json', 'weights.bin'])
    const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'))
    expect(modelJson).toMatchObject({ format: 'layers-model', modelTopology: { class_name: 'Sequential' } })
    const manifest = JSON.parse(await readFile(join(dir, 'loupe-classifier.json'), 'utf8'))
    expect(manifest).toMatchObject({ classes: active!.classes, backbone: { id: 'mobilenet-v2-0.35-224', dimension: 1280 } })

    const sample = allImages().filter((_image, index) => index % 7 === 0).map((image) => image.id)
    const before = await loupe.client.api.training.predict({ imageIds: sample })

    const imported = await loupe.client.api.training.importVersion({ dir })
    expect(imported).toMatchObject({ origin: 'imported', active: false, classes: active!.classes, valAccuracy: active!.valAccuracy })
    await loupe.client.api.training.activate({ id: imported.id })
    const after = await loupe.client.api.training.predict({ imageIds: sample })
    expect(after).toEqual(before)
    expect((await loupe.client.api.training.status({})).predicted).toBe(240)

    // A damaged weight file is refused with the file named.
    const broken = join(await tempDir(), 'broken')
    await mkdir(broken)
    for (const file of exported.files) await copyFile(join(dir, file), join(broken, file))
    const weights = await readFile(join(broken, 'weights.bin'))
    weights[100] = weights[100]! ^ 0xff
    await writeFile(join(broken, 'weights.bin'), weights)
    await expect(loupe.client.api.training.importVersion({ dir: broken })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/weights\.bin.*SHA-256/),
    })
    await loupe.client.api.training.activate({ id: active!.id })
  })

  it('finds a wrong label, accepts the prediction (undoably), and queues unlabelled images by uncertainty', async () => {
    const victim = idOf('crazing_1.jpg')
    await loupe.client.api.annotations.setTags({ imageId: victim, tags: ['patches'] })
    const errors = await loupe.client.api.training.labelErrors({ minConfidence: 0.5 })
    const found = errors.find((item) => item.id === victim)
    expect(found).toMatchObject({ labels: expect.arrayContaining(['patches']), predicted: { label: 'crazing' } })

    await loupe.client.api.training.acceptPredictions({ imageIds: [victim] })
    expect(loupe.annotations.get(victim).tags).toEqual(['crazing'])
    const undone = await loupe.client.api.annotations.undo({ imageId: victim })
    expect(undone.tags).toEqual(['patches'])
    await loupe.client.api.training.acceptPredictions({ imageIds: [victim] })
    expect(loupe.annotations.get(victim).tags).toEqual(['crazing'])

    // Unlabel a few images, and add two near-identical copies of one, unlabelled too.
    const extra = join(await tempDir(), 'copies')
    await mkdir(extra)
    const source = join(NEU, 'images', 'inclusion_7.jpg')
    await sharp(source).resize(190).jpeg({ quality: 80 }).toFile(join(extra, 'copy-a.jpg'))
    await sharp(source).resize(180).jpeg({ quality: 70 }).toFile(join(extra, 'copy-b.jpg'))
    await importThroughApi(loupe, [extra])
    await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
    const unlabelled = allImages().filter((image) => /^(patches|scratches)_1\d\.jpg$/.test(image.fileName))
    for (const image of unlabelled) await loupe.client.api.annotations.setTags({ imageId: image.id, tags: [] })
    await loupe.training.predictions.refresh('missing')

    const ids = [...unlabelled.map((image) => image.id), idOf('copy-a.jpg'), idOf('copy-b.jpg')]
    // NEU images have boxes, which count as labels: the queue takes images with neither tags nor boxes.
    for (const image of unlabelled) {
      const { boxes } = loupe.annotations.get(image.id)
      await loupe.client.api.annotations.deleteBoxes({ imageId: image.id, boxIds: boxes.map((box) => box.id) })
    }
    const queue = await loupe.client.api.training.labelNext({ limit: 100, strategy: 'margin', diversity: 1 })
    expect(queue.map((item) => item.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b))
    const position = (file: string) => queue.findIndex((item) => item.fileName === file)
    expect(Math.abs(position('copy-a.jpg') - position('copy-b.jpg'))).toBeGreaterThan(1)
    const plain = await loupe.client.api.training.labelNext({ limit: 100, strategy: 'least-confidence', diversity: 0 })
    const uncertainty = plain.map((item) => item.uncertainty)
    expect(uncertainty).toEqual([...uncertainty].sort((a, b) => b - a))
    expect(plain.every((item) => Math.abs(item.uncertainty - (1 - item.predicted.confidence)) < 1e-9)).toBe(true)
  })
})

describe('box pre-labelling with the COCO detector', () => {
  const GROUND_TRUTH = join(SHARED_DATA, 'coco128', 'annotations', 'instances_train2017.json')
  const FILES = ['000000000009.jpg', '000000000025.jpg', '000000000034.jpg', '000000000036.jpg']
  /** Objects each picture clearly shows, which a suggestion of the same class must overlap (IoU > 0.5). */
  const EXPECTED: [string, string][] = [
    ['000000000009.jpg', 'bowl'],
    ['000000000025.jpg', 'giraffe'],
    ['000000000034.jpg', 'zebra'],
    ['000000000036.jpg', 'person'],
    ['000000000036.jpg', 'umbrella'],
  ]

  it('proposes boxes that overlap the ground truth, and accepting one makes an undoable box', async () => {
    const dir = join(await tempDir(), 'coco')
    await mkdir(dir)
    for (const file of FILES) await copyFile(join(SHARED_DATA, 'coco128', 'images', file), join(dir, file))
    await importThroughApi(loupe, [dir])
    const status = await loupe.client.api.training.status({})
    expect(status.detector).toMatchObject({ available: true, problem: null })

    const { id } = await loupe.client.api.training.prelabel({ imageIds: FILES.map(idOf), threshold: 0.3 })
    const job = await loupe.jobs.settled(id)
    expect(job.error).toBeNull()
    expect(job.result).toMatchObject({ images: 4, skipped: 0 })

    const coco = JSON.parse(await readFile(GROUND_TRUTH, 'utf8')) as {
      images: { id: number; file_name: string }[]
      annotations: { image_id: number; category_id: number; bbox: number[]; iscrowd: number; area: number }[]
      categories: { id: number; name: string }[]
    }
    const names = new Map(coco.categories.map((category) => [category.id, category.name]))
    const ious: Record<string, number> = {}
    for (const [file, label] of EXPECTED) {
      const cocoId = coco.images.find((image) => image.file_name === file)!.id
      const suggestions = await loupe.client.api.training.suggestions({ imageId: idOf(file) })
      const truths = coco.annotations.filter((a) => a.image_id === cocoId && !a.iscrowd && names.get(a.category_id) === label)
      let best = 0
      for (const truth of truths) {
        const [x, y, width, height] = truth.bbox as [number, number, number, number]
        for (const s of suggestions.filter((s) => s.label === label)) best = Math.max(best, iou(s, { x, y, width, height }))
      }
      ious[`${file} ${label}`] = Math.round(best * 100) / 100
    }
    expect(Object.values(ious).every((value) => value > 0.5), JSON.stringify(ious)).toBe(true)

    // Person and umbrella in 000000000036.jpg; accept the person, reject the rest, then undo the accepted box.
    const imageId = idOf('000000000036.jpg')
    const suggestions = await loupe.client.api.training.suggestions({ imageId })
    const person = suggestions.find((s) => s.label === 'person')!
    const state = await loupe.client.api.training.acceptSuggestions({ imageId, suggestionIds: [person.id] })
    expect(state.boxes.map((box) => box.label)).toEqual(['person'])
    const rest = suggestions.filter((s) => s.id !== person.id).map((s) => s.id)
    if (rest.length) await loupe.client.api.training.rejectSuggestions({ imageId, suggestionIds: rest })
    expect(await loupe.client.api.training.suggestions({ imageId })).toEqual([])
    const decided = await loupe.client.api.training.suggestions({ imageId, includeDecided: true })
    expect(decided.find((s) => s.state === 'accepted')?.boxId).toBe(state.boxes[0]!.id)
    expect((await loupe.client.api.annotations.undo({ imageId })).boxes).toEqual([])
  })
})

function iou(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  if (w <= 0 || h <= 0) return 0
  return (w * h) / (a.width * a.height + b.width * b.height - w * h)
}


