import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { encodeHead, initialHead } from '../../../../src/main/engines/detection/head'
import { Random } from '../../../../src/main/engines/learning/random'
import type { NewDetector } from '../../../../src/main/features/detector/detector-store'
import { freshLoupe } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'
import { importVoc, MOBILENET_V1_DIR, neuNames, neuSubset } from './support'

let loupe: Loupe

beforeAll(async () => {
  loupe = await freshLoupe()
  await loupe.client.api.models.add({ path: MOBILENET_V1_DIR })
}, 120_000)
afterAll(async () => loupe?.close())

/** A version as a training run would store it, with an untrained head of NEU's map shape. */
function storedVersion(overrides: Partial<NewDetector> = {}): number {
  const head = initialHead({ classes: 2, hidden: 8, fineChannels: 16, coarseChannels: 16, globalChannels: 8, gridHeight: 4, gridWidth: 4 }, new Random(7))
  return loupe.detector.store.insert({
    origin: 'trained',
    backbone: loupe.embedder.modelId,
    classes: ['crazing', 'patches'],
    trainImages: 8,
    valImages: 2,
    epochs: 5,
    bestEpoch: 3,
    stoppedBy: 'early-stopping',
    valMAP50: 0.5,
    scoreThreshold: 0.3,
    seconds: 1.5,
    options: { maxEpochs: 10 },
    evaluation: {
      map50: 0.5,
      map5095: 0.25,
      scoreThreshold: 0.3,
      perClass: [{ label: 'crazing', boxes: 2, ap50: 0.5, ap5095: 0.25, precision: 1, recall: 0.5 }],
      worstImages: [],
    },
    curves: [{ epoch: 1, trainLoss: 2, valLoss: 2.5, valMAP50: 0.1, elapsed: 0.3 }],
    head,
    jobId: null,
    ...overrides,
  })
}

describe('detector status', () => {
  it('explains in a sentence why the boxes cannot train a detector yet, and refuses to start', async () => {
    const empty = await loupe.client.api.detector.status({})
    expect(empty).toMatchObject({ canTrain: false, classes: [], active: null, backbone: 'mobilenet-v1-1.0-224' })
    expect(empty.problem).toMatch(/no image has a box/)

    await importVoc(loupe, await neuSubset(neuNames('crazing', 1, 6)))
    const one = await loupe.client.api.detector.status({})
    expect(one.classes).toEqual([{ label: 'crazing', boxes: expect.any(Number), images: 6 }])
    expect(one.problem).toMatch(/at least two box classes; every box is "crazing"/)
    await expect(loupe.client.api.detector.train({})).rejects.toMatchObject({ code: 'conflict', message: one.problem })

    await importVoc(loupe, await neuSubset(neuNames('patches', 1, 2)))
    const few = await loupe.client.api.detector.status({})
    expect(few.canTrain).toBe(false)
    expect(few.problem).toMatch(/at least 5 boxes on 3 or more images.*too few in "patches" \(\d+ boxes on 2 images\)/)
    await expect(loupe.client.api.detector.train({})).rejects.toMatchObject({ code: 'conflict', details: { detector: 'not-enough-boxes' } })
    // Training on the classes that have enough is still refused with one class, and says so.
    await expect(loupe.client.api.detector.train({ classes: ['crazing'] })).rejects.toThrow(/at least two box classes/)
    await expect(loupe.client.api.detector.train({ classes: ['crazing', 'rust'] })).rejects.toMatchObject({
      code: 'bad_request',
      message: 'No image has a box of "rust": train on classes that have boxes.',
    })

    await importVoc(loupe, await neuSubset(neuNames('patches', 3, 6)))
    const ready = await loupe.client.api.detector.status({})
    expect(ready).toMatchObject({ canTrain: true, problem: null })
    expect(ready.classes.map((entry) => entry.label)).toEqual(['crazing', 'patches'])

    // A crowd region teaches no box to find, so it is not counted towards what a class needs.
    const patches = loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 100 }).items.filter((image) => image.fileName.startsWith('patches'))
    const { boxes } = await loupe.client.api.annotations.get({ imageId: patches[0]!.id })
    for (const box of boxes) await loupe.client.api.annotations.updateBox({ imageId: patches[0]!.id, boxId: box.id, crowd: true })
    const withCrowd = await loupe.client.api.detector.status({})
    const before = ready.classes.find((entry) => entry.label === 'patches')!
    expect(withCrowd.classes.find((entry) => entry.label === 'patches')).toEqual({ label: 'patches', boxes: before.boxes - boxes.length, images: before.images - 1 })
  }, 60_000)
})

describe('detector versions', () => {
  it('activates, sets the threshold, and hands the active role to the newest remaining version on delete', async () => {
    const changes: unknown[] = []
    const unsubscribe = loupe.events.subscribe((event, payload) => event === 'detector.changed' && changes.push(payload))
    try {
      const first = storedVersion()
      const second = storedVersion()
      const third = storedVersion()
      expect((await loupe.client.api.detector.versions({})).map((version) => version.id)).toEqual([third, second, first])

      expect(await loupe.client.api.detector.activate({ id: first })).toMatchObject({ id: first, active: true, name: `detector-${first}` })
      expect((await loupe.client.api.detector.status({})).active?.id).toBe(first)
      expect(await loupe.client.api.detector.setThreshold({ id: first, threshold: 0.45 })).toMatchObject({ scoreThreshold: 0.45 })
      await expect(loupe.client.api.detector.setThreshold({ id: first, threshold: 2 })).rejects.toMatchObject({ code: 'bad_request' })

      await loupe.client.api.detector.deleteVersion({ id: first })
      expect((await loupe.client.api.detector.status({})).active?.id).toBe(third)
      await loupe.client.api.detector.deleteVersion({ id: second })
      expect((await loupe.client.api.detector.status({})).active?.id).toBe(third)
      await expect(loupe.client.api.detector.version({ id: second })).rejects.toMatchObject({ code: 'not_found' })
      expect(changes).toEqual([{ versionId: first }, { versionId: first }, { versionId: first }, { versionId: second }])
    } finally {
      unsubscribe()
    }
  })

  it('exports a version as a folder and imports it back as the same head, inactive', async () => {
    const id = storedVersion()
    const dir = join(await tempDir('loupe-detector-export-'), 'crazing-detector')
    const exported = await loupe.client.api.detector.exportVersion({ id, dir })
    expect(exported).toEqual({ dir, files: ['loupe-detector.json', 'head.bin'] })
    const manifest = JSON.parse(await readFile(join(dir, 'loupe-detector.json'), 'utf8')) as Record<string, unknown>
    expect(manifest).toMatchObject({
      backbone: 'mobilenet-v1-1.0-224',
      classes: ['crazing', 'patches'],
      shape: { classes: 2, hidden: 8, gridHeight: 4, gridWidth: 4 },
      scoreThreshold: 0.3,
      evaluation: { map50: 0.5 },
    })

    const imported = await loupe.client.api.detector.importVersion({ dir })
    expect(imported).toMatchObject({ origin: 'imported', active: false, classes: ['crazing', 'patches'], valMAP50: 0.5 })
    expect(encodeHead(loupe.detector.store.head(imported.id))).toEqual(encodeHead(loupe.detector.store.head(id)))
    const detail = await loupe.client.api.detector.version({ id: imported.id })
    expect(detail.evaluation).toEqual((await loupe.client.api.detector.version({ id })).evaluation)
    expect(detail.curves).toHaveLength(1)
  })

  it('refuses a folder that is not an exported detector, or one made for another backbone, and changes nothing', async () => {
    const id = storedVersion()
    const dir = join(await tempDir('loupe-detector-export-'), 'v')
    await loupe.client.api.detector.exportVersion({ id, dir })
    const before = await loupe.client.api.detector.versions({})

    const empty = await tempDir('loupe-not-a-detector-')
    await expect(loupe.client.api.detector.importVersion({ dir: empty })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/is not an exported detector: it has no readable loupe-detector\.json/),
    })

    const manifestPath = join(dir, 'loupe-detector.json')
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>
    await writeFile(manifestPath, JSON.stringify({ ...manifest, backbone: 'mobilenet-v2-1.0-224' }))
    await expect(loupe.client.api.detector.importVersion({ dir })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/made for mobilenet-v2-1\.0-224, but this workspace uses mobilenet-v1-1\.0-224/),
    })

    await writeFile(manifestPath, JSON.stringify({ ...manifest, classes: ['crazing'] }))
    await expect(loupe.client.api.detector.importVersion({ dir })).rejects.toThrow(/head\.bin does not match/)

    await writeFile(manifestPath, JSON.stringify(manifest))
    await writeFile(join(dir, 'head.bin'), Buffer.from('not a head'))
    await expect(loupe.client.api.detector.importVersion({ dir })).rejects.toThrow(/head\.bin: not a Loupe detection head/)

    expect(await loupe.client.api.detector.versions({})).toEqual(before)
  })
})

describe('the library and the active detector', () => {
  it('filters by what the active version found at its threshold, of a class, and sorts by the best score', async () => {
    const id = storedVersion()
    await loupe.client.api.detector.activate({ id })
    const images = loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 100 }).items
    const [a, b, c] = images.map((image) => loupe.catalog.getImage(image.id))
    const box = { x: 10, y: 20, width: 30, height: 40 }
    loupe.detector.store.replaceDetections(id, [
      { imageId: a!.id, contentHash: a!.contentHash, boxes: [{ label: 'crazing', score: 0.9, ...box }] },
      { imageId: b!.id, contentHash: b!.contentHash, boxes: [{ label: 'patches', score: 0.6, ...box }, { label: 'crazing', score: 0.2, ...box }] },
      { imageId: c!.id, contentHash: c!.contentHash, boxes: [{ label: 'crazing', score: 0.35, ...box }] },
    ])
    const list = async (filter: Record<string, unknown>, sort: 'detection' | 'name' = 'detection') =>
      (await loupe.client.api.catalog.listImages({ filter, sort, descending: true })).items.map((image) => image.id)

    expect(await list({ detected: {} })).toEqual([a!.id, b!.id, c!.id])
    expect(await list({ detected: { label: 'crazing' } })).toEqual([a!.id, c!.id])
    await loupe.client.api.detector.setThreshold({ id, threshold: 0.5 })
    expect(await list({ detected: { label: 'crazing' } })).toEqual([a!.id])
    // Sorted by score, the images the detector found nothing on come last when descending.
    expect((await list({})).slice(0, 3)).toEqual([a!.id, b!.id, c!.id])

    // A rerun replaces an image's boxes; another active version has found nothing yet.
    loupe.detector.store.replaceDetections(id, [{ imageId: a!.id, contentHash: a!.contentHash, boxes: [] }])
    expect(await list({ detected: {} })).toEqual([b!.id])
    await loupe.client.api.detector.activate({ id: storedVersion() })
    expect(await list({ detected: {} })).toEqual([])
  })
})

describe('label next', () => {
  it('puts the unlabelled images the active detector is least sure about in the queue, nearest a 0.5 score first', async () => {
    const id = storedVersion()
    await loupe.client.api.detector.activate({ id })
    const outside = await neuSubset(neuNames('scratches', 1, 3))
    // Imported without their boxes: unlabelled images.
    const { id: job } = await loupe.client.api.imports.start({ paths: [join(outside, 'images')] })
    await loupe.jobs.settled(job)
    const unlabelled = loupe.catalog.listImages({ filter: { label: null }, sort: 'name', descending: false, offset: 0, limit: 10 }).items
    expect(unlabelled).toHaveLength(3)
    const [sure, unsure, middling] = unlabelled.map((image) => loupe.catalog.getImage(image.id))
    const box = { x: 1, y: 2, width: 3, height: 4 }
    const labelled = loupe.catalog.getImage(loupe.catalog.listImages({ filter: { label: 'crazing' }, sort: 'name', descending: false, offset: 0, limit: 1 }).items[0]!.id)
    loupe.detector.store.replaceDetections(id, [
      { imageId: sure!.id, contentHash: sure!.contentHash, boxes: [{ label: 'scratches', score: 0.97, ...box }] },
      { imageId: unsure!.id, contentHash: unsure!.contentHash, boxes: [{ label: 'patches', score: 0.52, ...box }, { label: 'crazing', score: 0.1, ...box }] },
      { imageId: middling!.id, contentHash: middling!.contentHash, boxes: [{ label: 'scratches', score: 0.3, ...box }] },
      { imageId: labelled.id, contentHash: labelled.contentHash, boxes: [{ label: 'crazing', score: 0.5, ...box }] },
    ])
    const queue = await loupe.client.api.training.labelNext({})
    expect(queue.map((item) => item.id)).toEqual([unsure!.id, middling!.id, sure!.id])
    expect(queue[0]).toMatchObject({ predicted: { label: 'patches', confidence: 0.52 }, uncertainty: expect.closeTo(0.96, 5) })
  })
})
