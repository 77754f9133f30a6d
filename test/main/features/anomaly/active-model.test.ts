import { copyFile, mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { AnomalyFitResult, AnomalyModelSummary } from '../../../../src/shared/api/schemas'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { SHARED_MODELS, tempDir } from '../../../support/paths'
import { defectTiles, goodTiles } from '../../engines/anomaly/support'

/**
 * Which anomaly version the library uses, and a person's threshold, on a real workspace: 10 good magnetic tiles
 * (labelled "good" by folder) and 3 defect tiles, with MobileNetV1. Two versions of "default": v1 from the label, v2
 * from six of the good files.
 */

let loupe: Loupe
let good: string[]
const changes: unknown[] = []
let v1: AnomalyFitResult
let v2: AnomalyFitResult

beforeAll(async () => {
  loupe = await freshLoupe()
  await loupe.embedder.models.addModelFromFolder(join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
  loupe.embedder.use('mobilenet-v1-1.0-224')
  const folder = await tempDir('loupe-anomaly-active-')
  good = await copyInto(join(folder, 'good'), (await goodTiles()).filter((_, index) => index % 20 === 0).slice(0, 10))
  await copyInto(join(folder, 'defect'), (await defectTiles()).filter((_, index) => index % 11 === 0).slice(0, 3).map((defect) => defect.path))
  await importThroughApi(loupe, [folder], true)
  loupe.events.subscribe((event, payload) => {
    if (event === 'anomaly.changed') changes.push(payload)
  })
  v1 = await fit({ label: 'good' })
  v2 = await fit({ paths: good.slice(0, 6) })
}, 300_000)

afterAll(async () => {
  await loupe?.close()
})

async function copyInto(dir: string, paths: string[]): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  return Promise.all(paths.map(async (path) => (await copyFile(path, join(dir, basename(path))), join(dir, basename(path)))))
}

async function fit(request: Parameters<Loupe['client']['api']['anomaly']['fit']>[0]): Promise<AnomalyFitResult> {
  const job = await loupe.jobs.settled((await loupe.client.api.anomaly.fit(request)).id)
  expect(job.state).toBe('completed')
  return job.result as AnomalyFitResult
}

const api = () => loupe.client.api.anomaly

async function summary(id: number): Promise<AnomalyModelSummary> {
  return (await api().models({})).find((model) => model.id === id)!
}

/** What the library shows: the model named in its stats, its Anomalous count, and the ids it badges as anomalous. */
function library() {
  const stats = loupe.catalog.stats().anomaly
  const page = loupe.catalog.listImages({ filter: {}, sort: 'anomaly', descending: true, offset: 0, limit: 100 })
  const filtered = loupe.catalog.listImages({ filter: { anomalous: true }, sort: 'added', descending: false, offset: 0, limit: 100 })
  return {
    model: stats?.model,
    anomalous: stats?.anomalous,
    badged: page.items.filter((image) => image.anomaly?.anomalous).map((image) => image.id).sort(),
    filtered: filtered.items.map((image) => image.id).sort(),
    scores: new Map(page.items.map((image) => [image.id, image.anomaly?.score])),
  }
}

describe('the active anomaly model', () => {
  it('a newly learnt version becomes the active one, and the library uses it', async () => {
    expect(v2.version).toBe(2)
    expect((await api().models({})).map((model) => [model.version, model.active])).toEqual([
      [2, true],
      [1, false],
    ])
    const shown = library()
    expect(shown.model).toBe('default v2')
    const v2Scores = await api().score({})
    expect(shown.scores).toEqual(new Map(v2Scores.map((item) => [item.imageId, item.score])))
  })

  it('choosing an older version moves the library, its counts and unnamed scoring to it, and says so', async () => {
    changes.length = 0
    const chosen = await api().setActive({ id: v1.modelId })
    expect(chosen).toMatchObject({ id: v1.modelId, active: true })
    expect(changes).toEqual([{ modelId: v1.modelId }])
    const scores = await api().score({})
    const flagged = scores.filter((item) => item.anomalous).map((item) => item.imageId!).sort()
    const shown = library()
    expect(shown.model).toBe('default v1')
    expect(shown.scores).toEqual(new Map(scores.map((item) => [item.imageId, item.score])))
    expect(shown.anomalous).toBe(flagged.length)
    expect(shown.badged).toEqual(flagged)
    expect(shown.filtered).toEqual(flagged)
    // With a name, the chosen version of that name scores.
    expect((await api().score({ name: 'default' })).map((item) => item.score)).toEqual(scores.map((item) => item.score))
  })

  it('a threshold previews its false alarms and flagged images, and once saved the library follows it', async () => {
    const before = await summary(v1.modelId)
    const everything = await api().previewThreshold({ id: v1.modelId, threshold: 0 })
    expect(everything).toMatchObject({ falseAlarmRate: 1, flagged: 13, scoredImages: 13 })
    const nothing = await api().previewThreshold({ id: v1.modelId, threshold: everything.highestScore + 0.01 })
    expect(nothing).toMatchObject({ falseAlarmRate: 0, flagged: 0 })

    // Halfway between the lowest and highest catalogue scores flags some images and not others.
    const scores = (await api().score({})).map((item) => item.score)
    const middle = (Math.min(...scores) + Math.max(...scores)) / 2
    const preview = await api().previewThreshold({ id: v1.modelId, threshold: middle })
    const expected = scores.filter((score) => score >= middle).length
    expect(preview.flagged).toBe(expected)
    expect(await summary(v1.modelId)).toEqual(before)

    changes.length = 0
    const saved = await api().setThreshold({ id: v1.modelId, threshold: middle })
    expect(saved).toMatchObject({ threshold: middle, falseAlarmRate: preview.falseAlarmRate, active: true })
    expect(changes).toEqual([{ modelId: v1.modelId }])
    const shown = library()
    expect(shown.anomalous).toBe(expected)
    expect(shown.badged).toHaveLength(expected)
    expect(shown.filtered).toEqual(shown.badged)
    expect((await api().score({})).filter((item) => item.anomalous)).toHaveLength(expected)
  })

  it('refuses an unknown version or a negative threshold and changes nothing', async () => {
    const before = await api().models({})
    await expect(api().setActive({ id: 999 })).rejects.toMatchObject({ code: 'not_found' })
    await expect(api().setThreshold({ id: 999, threshold: 1 })).rejects.toMatchObject({ code: 'not_found' })
    await expect(api().previewThreshold({ id: 999, threshold: 1 })).rejects.toMatchObject({ code: 'not_found' })
    await expect(api().setThreshold({ id: v1.modelId, threshold: -1 })).rejects.toMatchObject({ code: 'bad_request' })
    expect(await api().models({})).toEqual(before)
    expect(library().model).toBe('default v1')
  })

  it('deleting the active version leaves the newest remaining one in use', async () => {
    await api().deleteModel({ id: v1.modelId })
    expect((await api().models({})).map((model) => [model.version, model.active])).toEqual([[2, true]])
    expect(library().model).toBe('default v2')
  })
})
