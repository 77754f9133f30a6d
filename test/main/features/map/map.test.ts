import { copyFile, mkdir, readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLoupe, type Loupe } from '../../../../src/main/app/loupe'
import { REVIEW_STATUSES, type JobSummary, type MapComputeResult, type MapPoints } from '../../../../src/shared/api/schemas'
import { importThroughApi } from '../../../support/loupe'
import { CIFAR_MINI, MOBILENET_DIR, tempDir } from '../../../support/paths'

/** Images per class kept back, imported after the layout to be placed incrementally. */
const LATER_PER_CLASS = 2

let workspaceDir: string
let loupe: Loupe
let laterFolder: string
/** Each image's class (its CIFAR folder), by file path. */
const classOf = new Map<string, string>()

beforeAll(async () => {
  workspaceDir = await tempDir('loupe-map-ws-')
  const first = await tempDir('loupe-map-first-')
  laterFolder = await tempDir('loupe-map-later-')
  for (const label of (await readdir(CIFAR_MINI)).sort()) {
    const names = (await readdir(join(CIFAR_MINI, label))).sort()
    for (const [index, name] of names.entries()) {
      const target = join(index < names.length - LATER_PER_CLASS ? first : laterFolder, label, name)
      await mkdir(dirname(target), { recursive: true })
      await copyFile(join(CIFAR_MINI, label, name), target)
      classOf.set(target, label)
    }
  }
  loupe = await openLoupe({ workspaceDir })
  await importThroughApi(loupe, [first], true)
})
afterAll(async () => loupe?.close())

const points = () => loupe.client.api.map.points({ withPaths: true })

describe('the embedding map', () => {
  it('refuses to map images that have no embedding, saying how to get them, and changes nothing', async () => {
    await expect(loupe.client.api.map.compute({})).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/No image has an embedding of .* yet.*index the 280 images first/),
    })
    expect(await loupe.client.api.map.status({})).toMatchObject({ laidOut: false, points: 0, unplaced: 0, unindexed: 280 })
    expect((await points()).imageIds).toEqual([])
  })

  it('lays out the indexed images so that images of one class lie together', async () => {
    await loupe.client.api.models.add({ path: MOBILENET_DIR })
    expect((await loupe.jobs.settled((await loupe.client.api.search.index({})).id)).state).toBe('completed')
    expect(await loupe.client.api.map.status({})).toMatchObject({ laidOut: false, unplaced: 280, unindexed: 0 })

    const changes: string[] = []
    const unsubscribe = loupe.events.subscribe((event, payload) => event === 'map.changed' && changes.push((payload as { modelId: string }).modelId))
    const job = await loupe.jobs.settled((await loupe.client.api.map.compute({})).id)
    unsubscribe()
    expect(job.state).toBe('completed')
    expect(job.result as MapComputeResult).toMatchObject({ mode: 'layout', points: 280, placed: 280 })
    expect(changes).toEqual(['mobilenet-v2-0.35-224'])

    const map = await points()
    expect(map.imageIds).toHaveLength(280)
    for (const value of [...map.x, ...map.y]) expect(value >= 0 && value <= 1).toBe(true)
    const { agreement, intra, inter } = classStructure(map)
    const inEmbeddings = embeddingAgreement(map)
    console.info(
      `map of CIFAR-10 mini (280 images): 5-NN class agreement ${agreement.toFixed(3)} on the map, ${inEmbeddings.toFixed(3)} ` +
        `in the embeddings (chance 0.1); mean distance within a class ${intra.toFixed(3)}, between classes ${inter.toFixed(3)}`,
    )
    expect(intra).toBeLessThan(inter)
    expect(agreement).toBeGreaterThan(0.2)
  })

  it('gives every point its class, review status and prediction to be coloured by, in the order of the points', async () => {
    const map = await points()
    const byClass = await loupe.client.api.map.colours({ by: 'class' })
    expect(byClass.imageIds).toEqual(map.imageIds)
    expect(byClass.categories).toEqual([...new Set(classOf.values())].sort())
    byClass.values.forEach((value, i) => expect(byClass.categories![value!]).toBe(classOf.get(map.paths![i]!)))

    const byStatus = await loupe.client.api.map.colours({ by: 'status' })
    expect(byStatus.categories).toEqual([...REVIEW_STATUSES])
    for (const value of byStatus.values) expect(REVIEW_STATUSES[value!]).toBeDefined()

    // No classifier yet: nothing to colour by, and it says so rather than failing.
    expect(await loupe.client.api.map.colours({ by: 'prediction' })).toMatchObject({ source: null, categories: [] })
    expect((await loupe.client.api.map.colours({ by: 'confidence' })).values.every((value) => value === null)).toBe(true)

    await expect(loupe.client.api.map.colours({ by: 'size' } as never)).rejects.toMatchObject({ code: 'bad_request' })
  })

  it("colours by the active classifier: its classes, each point's predicted class and how sure it is", async () => {
    const job = await loupe.jobs.settled((await loupe.client.api.training.start({ maxEpochs: 3 })).id)
    expect(job.state).toBe('completed')
    const active = (await loupe.client.api.training.versions({})).find((version) => version.active)!
    const byPrediction = await loupe.client.api.map.colours({ by: 'prediction' })
    expect(byPrediction.source).toBe(active.name)
    expect([...byPrediction.categories!].sort()).toEqual([...new Set(classOf.values())].sort())
    const byConfidence = await loupe.client.api.map.colours({ by: 'confidence' })
    expect(byConfidence.source).toBe(active.name)
    // Every indexed image has a prediction; the map and the catalogue agree on each.
    const { items } = await loupe.client.api.catalog.listImages({ limit: 1000 })
    const predicted = new Map(items.map((image) => [image.id, image.prediction]))
    byPrediction.imageIds.forEach((id, i) => {
      expect(byPrediction.categories![byPrediction.values[i]!]).toBe(predicted.get(id)!.label)
      expect(byConfidence.values[i]).toBeCloseTo(predicted.get(id)!.confidence, 6)
    })
  })

  it('is reused after the workspace is opened again, and the same seed lays out the same map', async () => {
    const before = await points()
    const { computedAt } = await loupe.client.api.map.status({})
    await loupe.close()
    loupe = await openLoupe({ workspaceDir })
    expect(await loupe.client.api.map.status({})).toMatchObject({ laidOut: true, points: 280, unplaced: 0, computedAt })
    expect(await points()).toEqual(before)
    // Asked to compute with nothing new, the job has nothing to do.
    const current = await loupe.jobs.settled((await loupe.client.api.map.compute({})).id)
    expect(current.result as MapComputeResult).toMatchObject({ mode: 'current', placed: 0 })

    const again = await loupe.jobs.settled((await loupe.client.api.map.compute({ fresh: true })).id)
    expect(again.result as MapComputeResult).toMatchObject({ mode: 'layout', points: 280 })
    expect(await points()).toEqual(before)
  })

  it('places images indexed after the layout among it, leaving the others where they were', async () => {
    const before = await points()
    await importThroughApi(loupe, [laterFolder], true)
    await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
    expect(await loupe.client.api.map.status({})).toMatchObject({ laidOut: true, points: 280, unplaced: 20 })

    const job = await loupe.jobs.settled((await loupe.client.api.map.compute({})).id)
    expect(job.result as MapComputeResult).toMatchObject({ mode: 'placed', points: 300, placed: 20 })
    const after = await points()
    const placedBefore = new Map(before.imageIds.map((id, i) => [id, [before.x[i], before.y[i]]]))
    after.imageIds.forEach((id, i) => placedBefore.has(id) && expect([after.x[i], after.y[i]]).toEqual(placedBefore.get(id)))

    // Each new image lands near the laid-out image most like it: closer than laid-out images are to each other.
    const added = after.imageIds.flatMap((id, i) => (placedBefore.has(id) ? [] : [i]))
    expect(added).toHaveLength(20)
    const vectors = vectorsById()
    const indexOf = new Map(after.imageIds.map((id, i) => [id, i]))
    const anchors = before.imageIds
    const toNearest = added.map((i) => {
      const mine = vectors.get(after.imageIds[i]!)!
      const nearest = anchors.reduce((best, id) => (dot(mine, vectors.get(id)!) > dot(mine, vectors.get(best)!) ? id : best))
      return distance(after, i, indexOf.get(nearest)!)
    })
    const meanToNearest = toNearest.reduce((sum, value) => sum + value, 0) / toNearest.length
    const { inter, intra } = classStructure(before)
    console.info(`placed incrementally: mean distance to the most similar laid-out image ${meanToNearest.toFixed(3)} (within a class ${intra.toFixed(3)})`)
    expect(meanToNearest).toBeLessThan(intra)
    expect(meanToNearest).toBeLessThan(inter / 2)
  })

  it('cancels a layout and keeps the map it had', async () => {
    const before = await points()
    const { id } = await loupe.client.api.map.compute({ fresh: true })
    const unsubscribe = loupe.events.subscribe((event, payload) => {
      const job = payload as JobSummary
      if (event === 'jobs.progress' && job.id === id && job.state === 'running') loupe.jobs.cancel(id)
    })
    const job = await loupe.jobs.settled(id)
    unsubscribe()
    expect(job.state).toBe('cancelled')
    expect(await points()).toEqual(before)
  })

  it('places images indexed by the open workspace itself on the map, in the background', async () => {
    await loupe.close()
    loupe = await openLoupe({ workspaceDir, indexAutomatically: true })
    const mapChanged = new Promise((resolve) => loupe.events.on('map.changed', resolve))
    const extra = await tempDir('loupe-map-extra-')
    const [airplane] = [...classOf.keys()].filter((path) => classOf.get(path) === 'airplane')
    await sharp(airplane!).flop().toFile(join(extra, 'flipped-airplane.png'))
    await importThroughApi(loupe, [extra])
    await mapChanged
    expect(await loupe.client.api.map.status({})).toMatchObject({ laidOut: true, points: 301, unplaced: 0, unindexed: 0 })
    const [placing] = loupe.jobs.list().filter((job) => job.kind === 'map-layout')
    expect(placing).toMatchObject({ state: 'completed', background: true, result: { mode: 'placed', placed: 1 } })
  })
})

function vectorsById(): Map<number, Float32Array> {
  const rows = loupe.workspace.db.prepare('SELECT image_id AS id, vector FROM embeddings').all() as Array<{ id: number; vector: Buffer }>
  return new Map(rows.map((row) => [row.id, new Float32Array(new Uint8Array(row.vector).buffer)]))
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!
  return sum
}

/** The share of each image's 5 most similar images (cosine of embeddings) in its class: what the map can at best keep. */
function embeddingAgreement(map: MapPoints): number {
  const vectors = vectorsById()
  const classes = map.paths!.map((path) => classOf.get(path)!)
  let agreeing = 0
  map.imageIds.forEach((id, i) => {
    const nearest = map.imageIds
      .map((other, j) => ({ j, similarity: j === i ? -Infinity : dot(vectors.get(id)!, vectors.get(other)!) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 5)
    agreeing += nearest.filter(({ j }) => classes[j] === classes[i]).length
  })
  return agreeing / (map.imageIds.length * 5)
}

function distance(map: MapPoints, a: number, b: number): number {
  return Math.hypot(map.x[a]! - map.x[b]!, map.y[a]! - map.y[b]!)
}

/** The classes of point i's k nearest points among those `eligible`. */
function nearestClasses(map: MapPoints, i: number, k: number, eligible: (j: number) => boolean = () => true): string[] {
  return map.imageIds
    .map((_, j) => j)
    .filter((j) => j !== i && eligible(j))
    .sort((a, b) => distance(map, i, a) - distance(map, i, b))
    .slice(0, k)
    .map((j) => classOf.get(map.paths![j]!)!)
}

/** The share of each point's 5 nearest points in its class, and the mean distance within and between classes. */
function classStructure(map: MapPoints): { agreement: number; intra: number; inter: number } {
  const classes = map.paths!.map((path) => classOf.get(path)!)
  let agreeing = 0
  const sums = { intra: 0, inter: 0, intraPairs: 0, interPairs: 0 }
  for (let i = 0; i < classes.length; i++) {
    agreeing += nearestClasses(map, i, 5).filter((label) => label === classes[i]).length
    for (let j = i + 1; j < classes.length; j++) {
      const same = classes[i] === classes[j]
      sums[same ? 'intra' : 'inter'] += distance(map, i, j)
      sums[same ? 'intraPairs' : 'interPairs']++
    }
  }
  return { agreement: agreeing / (classes.length * 5), intra: sums.intra / sums.intraPairs, inter: sums.inter / sums.interPairs }
}
