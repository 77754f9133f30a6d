import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { TrainResult } from '../../../../src/shared/api/schemas'
import { freshLoupe } from '../../../support/loupe'
import { MOBILENET_DIR, SHARED_DATA } from '../../../support/paths'

/** NEU-DET with its VOC boxes and no image tags: what a COCO/VOC import leaves, and what training has to use. */
const NEU = join(SHARED_DATA, 'neu-det')
const CLASSES = ['crazing', 'inclusion', 'patches', 'pitted_surface', 'rolled-in_scale', 'scratches']

let loupe: Loupe

const allImages = () =>
  loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 1000 }).items
const idsOf = (prefix: string) => allImages().filter((image) => image.fileName.startsWith(prefix)).map((image) => image.id)
const statusOf = (id: number) => loupe.annotations.get(id).status

/** Per class, the images whose boxes all share it, and how many images have boxes of several classes, worked out here. */
function boxClassCounts(): { counts: Record<string, number>; mixed: number } {
  const counts: Record<string, number> = {}
  let mixed = 0
  for (const image of allImages()) {
    const classes = new Set(loupe.annotations.get(image.id).boxes.map((box) => box.label).filter((label) => label !== null))
    if (classes.size > 1) mixed++
    const [only] = classes
    if (classes.size === 1) counts[only!] = (counts[only!] ?? 0) + 1
  }
  return { counts, mixed }
}

beforeAll(async () => {
  loupe = await freshLoupe()
  await loupe.client.api.models.add({ path: MOBILENET_DIR })
  const { id } = await loupe.client.api.imports.start({
    paths: [join(NEU, 'images')],
    annotations: { format: 'voc', path: join(NEU, 'annotations') },
  })
  expect((await loupe.jobs.settled(id)).state).toBe('completed')
}, 240_000)
afterAll(async () => loupe?.close())

describe('training label sources', () => {
  it('counts the classes of the boxes when no image has a tag, by default', async () => {
    const { readiness } = await loupe.client.api.training.status({})
    const expected = boxClassCounts()
    // NEU-DET itself has a few images with boxes of two classes.
    expect(expected.mixed).toBeGreaterThan(0)
    expect(readiness).toMatchObject({
      ready: true,
      problem: null,
      labels: 'tags-then-boxes',
      from: { tags: 0, boxes: 240 - expected.mixed },
      excluded: { severalClasses: 0, mixedBoxClasses: expected.mixed, tooFew: 0 },
    })
    expect(readiness.counts).toEqual(expected.counts)
    expect(Object.keys(readiness.counts).sort()).toEqual(CLASSES)

    const byTags = await loupe.client.api.training.status({ labels: 'tags' })
    expect(byTags.readiness).toMatchObject({ ready: false, labels: 'tags', counts: {}, from: { tags: 0, boxes: 0 } })
    expect(byTags.readiness.problem).toMatch(/no images have a class yet/)
  })

  it('leaves out and counts images whose boxes disagree, unless a tag settles them', async () => {
    const before = boxClassCounts()
    const pureCrazing = idsOf('crazing_').filter((id) => loupe.annotations.get(id).boxes.every((box) => box.label === 'crazing'))
    const made = pureCrazing.slice(0, 3)
    for (const imageId of made) {
      await loupe.client.api.annotations.addBox({ imageId, label: 'scratches', x: 10, y: 10, width: 30, height: 30 })
    }
    const byBoxes = (await loupe.client.api.training.status({ labels: 'boxes' })).readiness
    const left = before.mixed + 3
    expect(byBoxes).toMatchObject({ ready: true, from: { tags: 0, boxes: 240 - left }, excluded: { mixedBoxClasses: left } })
    expect(byBoxes.counts).toEqual({ ...before.counts, crazing: before.counts.crazing! - 3 })
    expect(boxClassCounts()).toEqual({ counts: byBoxes.counts, mixed: left })

    // A tag decides an image under 'tags-then-boxes'; 'boxes' does not look at tags.
    await loupe.client.api.catalog.labelImages({ imageIds: [made[0]!], label: 'crazing' })
    const both = (await loupe.client.api.training.status({ labels: 'tags-then-boxes' })).readiness
    expect(both).toMatchObject({ from: { tags: 1, boxes: 240 - left }, excluded: { mixedBoxClasses: left - 1 } })
    expect(both.counts.crazing).toBe(before.counts.crazing! - 2)
    expect((await loupe.client.api.training.status({ labels: 'boxes' })).readiness.excluded.mixedBoxClasses).toBe(left)

    // Too few of a class in the boxes: refused by status and start alike, and the samples counted.
    const few = idsOf('inclusion_').slice(0, 3)
    await loupe.client.api.catalog.labelImages({ imageIds: few, label: 'rare' })
    const tooFew = (await loupe.client.api.training.status({})).readiness
    expect(tooFew).toMatchObject({ ready: false, excluded: { tooFew: 3 }, counts: { rare: 3 } })
    expect(tooFew.problem).toMatch(/too few in "rare" \(3\)/)
    await expect(loupe.client.api.training.start({})).rejects.toMatchObject({ code: 'conflict', details: { training: 'too-few' } })
    for (const imageId of few) await loupe.client.api.annotations.setTags({ imageId, tags: [] })
    expect((await loupe.client.api.training.status({})).readiness.ready).toBe(true)
  })

  it('trains on box classes alone, and the version records it', async () => {
    const { id } = await loupe.client.api.training.start({ labels: 'boxes', maxEpochs: 30, patience: 3 })
    const job = await loupe.jobs.settled(id)
    expect(job.error).toBeNull()
    const result = job.result as TrainResult
    expect(result).toMatchObject({ labels: 'boxes', trainCount: expect.any(Number) })
    // The images with boxes of two classes were left out.
    const { counts, mixed } = boxClassCounts()
    expect(mixed).toBeGreaterThan(3)
    expect(result.trainCount + result.valCount).toBe(240 - mixed)
    expect(Object.keys(result.perClass).sort()).toEqual(Object.keys(counts).sort())
    expect(result.valAccuracy).toBeGreaterThanOrEqual(0.8)

    const [version] = await loupe.client.api.training.versions({})
    expect(version).toMatchObject({ id: result.versionId, samples: 'images', labels: 'boxes', active: true })
    const detail = await loupe.client.api.training.version({ id: result.versionId })
    expect(detail.options).toMatchObject({ labels: 'boxes' })
  }, 240_000)

  it('marks an image labelled when its prediction is accepted, through an event, keeping a reviewed one', async () => {
    const [fixing, reviewed] = idsOf('patches_').slice(0, 2) as [number, number]
    await loupe.client.api.catalog.setStatus({ imageIds: [fixing], status: 'needs_fix' })
    await loupe.client.api.catalog.setStatus({ imageIds: [reviewed], status: 'reviewed' })
    const reasons: string[] = []
    const unsubscribe = loupe.events.subscribe((event, payload) => {
      if (event === 'catalog.changed') reasons.push((payload as { reason: string }).reason)
    })
    try {
      await loupe.client.api.training.acceptPredictions({ imageIds: [fixing, reviewed] })
    } finally {
      unsubscribe()
    }
    expect(statusOf(fixing)).toBe('labelled')
    expect(statusOf(reviewed)).toBe('reviewed')
    expect(reasons).toContain('status')
    expect(loupe.annotations.get(fixing).tags).toHaveLength(1)
  })
})
