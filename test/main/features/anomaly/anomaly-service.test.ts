import { copyFile, mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { AnomalyFitResult, JobSummary } from '../../../../src/shared/api/schemas'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { SHARED_MODELS, tempDir } from '../../../support/paths'
import { defectTiles, goodTiles } from '../../engines/anomaly/support'

/**
 * Anomaly models through the contract, on a real workspace: 16 good magnetic tiles labelled "good" (by folder) and 6
 * defect tiles, the workspace indexing with MobileNetV1.
 */

let loupe: Loupe
let good: string[]
let defects: string[]
const changes: unknown[] = []

beforeAll(async () => {
  loupe = await freshLoupe()
  await loupe.embedder.models.addModelFromFolder(join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
  loupe.embedder.use('mobilenet-v1-1.0-224')
  const folder = await tempDir('loupe-anomaly-tiles-')
  const tiles = await goodTiles()
  good = await copyInto(join(folder, 'good'), tiles.filter((_, index) => index % 14 === 0).slice(0, 16))
  defects = await copyInto(join(folder, 'defect'), (await defectTiles()).filter((_, index) => index % 6 === 0).map((defect) => defect.path))
  await importThroughApi(loupe, [folder], true)
  loupe.events.subscribe((event, payload) => {
    if (event === 'anomaly.changed') changes.push(payload)
  })
})

afterAll(async () => {
  await loupe?.close()
})

async function copyInto(dir: string, paths: string[]): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  return Promise.all(paths.map(async (path) => (await copyFile(path, join(dir, basename(path))), join(dir, basename(path)))))
}

async function fitJob(request: Parameters<Loupe['client']['api']['anomaly']['fit']>[0]): Promise<JobSummary> {
  const { id } = await loupe.client.api.anomaly.fit(request)
  return loupe.jobs.settled(id)
}

describe('anomaly models', () => {
  it('learns from a label as a job, stores a version and scores every catalogue image, most anomalous first', async () => {
    const job = await fitJob({ label: 'good' })
    expect(job.kind).toBe('anomaly-fit')
    expect(job.state).toBe('completed')
    expect(job.done).toBe(job.total)
    const result = job.result as AnomalyFitResult
    expect(result).toMatchObject({ name: 'default', version: 1, goodImages: good.length, scoredImages: good.length + defects.length })
    expect(changes).toEqual([{ modelId: result.modelId }])

    const [model] = await loupe.client.api.anomaly.models({})
    expect(model).toMatchObject({ id: result.modelId, backbones: ['mobilenet-v1-1.0-224'], goodImages: 16, scoredImages: 22, threshold: result.threshold })
    expect(model!.falseAlarmRate).toBeGreaterThan(0)

    const scores = await loupe.client.api.anomaly.score({})
    expect(scores).toHaveLength(22)
    expect(scores.every((item) => item.imageId !== null)).toBe(true)
    expect(scores.map((item) => item.score)).toEqual(scores.map((item) => item.score).sort((a, b) => b - a))
    // Learnt from these very good tiles (but the held-out ones), the defects lead the list.
    const topFour = scores.slice(0, 4).filter((item) => item.path.includes('/defect/'))
    expect(topFour.length).toBeGreaterThanOrEqual(3)
    expect(scores.filter((item) => item.anomalous).every((item) => item.regions.length > 0)).toBe(true)
  })

  it('fitting under the same name adds a version; files outside the catalogue are scored without being added', async () => {
    const job = await fitJob({ paths: good.slice(0, 8) })
    expect(job.result).toMatchObject({ name: 'default', version: 2, goodImages: 8 })
    const outside = join(await tempDir('loupe-outside-'), 'tile.jpg')
    await copyFile((await defectTiles())[1]!.path, outside)
    const [scored] = await loupe.client.api.anomaly.score({ paths: [outside] })
    expect(scored).toMatchObject({ path: outside, imageId: null })
    expect(loupe.catalog.stats().images).toBe(22)
    const versions = await loupe.client.api.anomaly.models({})
    expect(versions.map((version) => version.version)).toEqual([2, 1])
    await loupe.client.api.anomaly.deleteModel({ id: versions[0]!.id })
    expect((await loupe.client.api.anomaly.models({})).map((version) => version.version)).toEqual([1])
  })

  it('refuses clearly and loses nothing: unknown label, one image, colour among grey', async () => {
    await expect(loupe.client.api.anomaly.fit({ label: 'no such label' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(loupe.client.api.anomaly.fit({ label: 'good', paths: good })).rejects.toMatchObject({ code: 'bad_request' })
    const single = await fitJob({ paths: [good[0]!] })
    expect(single.state).toBe('failed')
    expect(single.error).toMatch(/One good image is not enough/)
    const colour = join(await tempDir('loupe-colour-'), 'red.png')
    await sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 220, g: 30, b: 30 } } }).png().toFile(colour)
    await expect(loupe.client.api.anomaly.score({ paths: [colour] })).rejects.toMatchObject({ code: 'bad_request' })
    expect((await loupe.client.api.anomaly.models({})).map((version) => version.version)).toEqual([1])
    expect(await loupe.client.api.anomaly.score({})).toHaveLength(22)
  })

  it('the same good images make the same model whatever order they were chosen in', async () => {
    const chosen = (await loupe.client.api.catalog.listImages({ filter: { label: 'good' }, limit: 100 })).items.map((image) => image.id).slice(0, 8)
    // Each fit becomes the version in use, whose catalogue scores `score` gives.
    const forwards = (await fitJob({ imageIds: chosen })).result as AnomalyFitResult
    const forwardsScores = await loupe.client.api.anomaly.score({})
    const backwards = (await fitJob({ imageIds: [...chosen].reverse() })).result as AnomalyFitResult
    expect(backwards.version).toBe(forwards.version + 1)
    expect(backwards.threshold).toBe(forwards.threshold)
    expect(backwards.patches).toBe(forwards.patches)
    expect(await loupe.client.api.anomaly.score({})).toEqual(forwardsScores)
  })
})
