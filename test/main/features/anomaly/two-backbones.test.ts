import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { AnomalyFitResult, JobSummary } from '../../../../src/shared/api/schemas'
import { freshLoupe } from '../../../support/loupe'
import { SHARED_MODELS } from '../../../support/paths'
import { defectTiles, goodTiles } from '../../engines/anomaly/support'

/**
 * An anomaly model learnt with the model in use and the one measured to help it, through the contract: MobileNetV1 in
 * use and V2 installed beside it, good magnetic tiles given as files (not added to the catalogue).
 */

let loupe: Loupe
let good: string[]

beforeAll(async () => {
  loupe = await freshLoupe()
  await loupe.embedder.models.addModelFromFolder(join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
  await loupe.embedder.models.addModelFromFolder(join(SHARED_MODELS, 'mobilenet-v2-1.0-224'))
  loupe.embedder.use('mobilenet-v1-1.0-224')
  // Every third good tile, so the held-out ones are tiles like the rest: 10 held out of 50.
  good = (await goodTiles()).filter((_, index) => index % 3 === 0).slice(0, 50)
})

afterAll(async () => {
  await loupe?.close()
})

async function fitJob(request: Parameters<Loupe['client']['api']['anomaly']['fit']>[0]): Promise<JobSummary> {
  const { id } = await loupe.client.api.anomaly.fit(request)
  return loupe.jobs.settled(id)
}

describe('an anomaly model of two backbones', () => {
  it('learns with the installed partner of the model in use, and scores with both', async () => {
    const job = await fitJob({ paths: good, name: 'tiles' })
    expect(job.state).toBe('completed')
    expect(job.done).toBe(job.total)
    const result = job.result as AnomalyFitResult
    expect(result.backbones).toEqual(['mobilenet-v1-1.0-224', 'mobilenet-v2-1.0-224'])
    const [model] = await loupe.client.api.anomaly.models({})
    expect(model).toMatchObject({ backbones: result.backbones, goodImages: 50, heldOutImages: 10, patches: result.patches })

    const defects = (await defectTiles()).filter((_, index) => index % 8 === 0).map((defect) => defect.path)
    const scores = await loupe.client.api.anomaly.score({ name: 'tiles', paths: [good[0]!, ...defects] })
    expect(scores.map((item) => item.path)).toEqual([good[0], ...defects])
    // In held-out spreads: a tile learnt from sits near the good mean, and each flagged picture has a region to box.
    expect(scores[0]!.score).toBeLessThan(result.threshold)
    expect(scores.filter((item) => item.anomalous).every((item) => item.regions[0]?.score === item.score)).toBe(true)
  })

  it('learns with one when asked for none, or when too few good images would be held out', async () => {
    const none = await fitJob({ paths: good, name: 'tiles', secondModel: null })
    expect(none.result).toMatchObject({ backbones: ['mobilenet-v1-1.0-224'], version: 2 })
    const few = await fitJob({ paths: good.slice(0, 20), name: 'tiles' })
    expect(few.result).toMatchObject({ backbones: ['mobilenet-v1-1.0-224'], version: 3 })
  })

  it('refuses a second model that is not installed, and stores nothing', async () => {
    const before = await loupe.client.api.anomaly.models({})
    const job = await fitJob({ paths: good, name: 'tiles', secondModel: 'mobilenet-v2-0.35-224' })
    expect(job.state).toBe('failed')
    expect(job.error).toMatch(/mobilenet-v2-0\.35-224/)
    expect(await loupe.client.api.anomaly.models({})).toEqual(before)
  })
})
