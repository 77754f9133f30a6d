import { copyFile, mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { AnomalyEvaluation, AnomalyFitResult } from '../../../../src/shared/api/schemas'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { SHARED_MODELS, tempDir } from '../../../support/paths'
import { defectTiles, goodTiles } from '../../engines/anomaly/support'

/**
 * Evaluating an anomaly model on a real workspace: 15 good magnetic tiles labelled "good" and two tiles each of three
 * defect kinds labelled by kind (all by folder), three more good tiles imported without labels; learnt from "good".
 */

let loupe: Loupe
let fitted: AnomalyFitResult
const idsByPath = new Map<string, number>()

beforeAll(async () => {
  loupe = await freshLoupe()
  await loupe.embedder.models.addModelFromFolder(join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
  loupe.embedder.use('mobilenet-v1-1.0-224')
  const labelled = await tempDir('loupe-anomaly-eval-')
  const tiles = await goodTiles()
  await copyInto(join(labelled, 'good'), tiles.filter((_, index) => index % 12 === 0).slice(0, 15))
  const defects = await defectTiles()
  for (const kind of ['blowhole', 'crack', 'uneven']) {
    await copyInto(join(labelled, kind), defects.filter((defect) => defect.kind === kind).slice(0, 2).map((defect) => defect.path))
  }
  const unlabelled = await tempDir('loupe-anomaly-eval-unlabelled-')
  await copyInto(unlabelled, tiles.filter((_, index) => index % 12 === 5).slice(0, 3))
  await importThroughApi(loupe, [labelled], true)
  await importThroughApi(loupe, [unlabelled], false)
  for (const { id } of (await loupe.client.api.catalog.listImages({ limit: 100 })).items) {
    idsByPath.set((await loupe.client.api.catalog.getImage({ id })).path, id)
  }
  const { id } = await loupe.client.api.anomaly.fit({ label: 'good' })
  fitted = (await loupe.jobs.settled(id)).result as AnomalyFitResult
})

afterAll(async () => {
  await loupe?.close()
})

async function copyInto(dir: string, paths: string[]): Promise<void> {
  await mkdir(dir, { recursive: true })
  await Promise.all(paths.map((path) => copyFile(path, join(dir, basename(path)))))
}

function rolesOf(modelId: number): Array<{ image_id: number; role: string }> {
  return loupe.workspace.db.prepare('SELECT image_id, role FROM anomaly_model_images WHERE model_id = ? ORDER BY image_id').all(modelId) as Array<{ image_id: number; role: string }>
}

function expectConsistent(evaluation: AnomalyEvaluation): void {
  const { confusion } = evaluation
  expect(confusion.truePositive + confusion.falseNegative).toBe(evaluation.defectImages)
  expect(confusion.falsePositive + confusion.trueNegative).toBe(evaluation.goodImages)
  expect(confusion.falsePositive).toBe(evaluation.worstFalseAlarms.filter((image) => image.score >= evaluation.threshold).length)
  expect(confusion.falseNegative).toBe(evaluation.worstMisses.filter((image) => image.score < evaluation.threshold).length)
}

describe('anomaly evaluation', () => {
  it('records which labelled images went into the bank and which were held out, and the label learnt from', () => {
    const roles = rolesOf(fitted.modelId)
    expect(roles.filter((row) => row.role === 'bank')).toHaveLength(12)
    expect(roles.filter((row) => row.role === 'held-out')).toHaveLength(3)
    const goodIds = [...idsByPath].filter(([path]) => path.includes('/good/')).map(([, id]) => id)
    expect(roles.map((row) => row.image_id).sort((a, b) => a - b)).toEqual(goodIds.sort((a, b) => a - b))
    expect(loupe.anomaly.store.learntFrom(fitted.modelId)).toEqual({ label: 'good', imagesRecorded: true })
  })

  it('counts good and defective images, leaving out the bank, the unlabelled and the conflicting', async () => {
    const heldOut = rolesOf(fitted.modelId).filter((row) => row.role === 'held-out').map((row) => row.image_id)
    const unlabelled = [...idsByPath].filter(([path]) => !/\/(good|blowhole|crack|uneven)\//.test(path)).map(([, id]) => id)
    // A box makes an unlabelled image defective, and a held-out good one both good and defective.
    await loupe.client.api.annotations.addBox({ imageId: unlabelled[0]!, label: null, x: 10, y: 10, width: 20, height: 20 })
    await loupe.client.api.annotations.addBox({ imageId: heldOut[0]!, label: null, x: 10, y: 10, width: 20, height: 20 })

    const evaluation = await loupe.client.api.anomaly.evaluate({})
    expect(evaluation).toMatchObject({
      model: { id: fitted.modelId, version: 1, threshold: fitted.threshold },
      goodLabel: 'good',
      threshold: fitted.threshold,
      goodImages: 2,
      defectImages: 7,
      leftOut: { bank: 12, unlabelled: 2, conflicting: 1, unscored: 0 },
      conflictingImageIds: [heldOut[0]],
    })
    expect(evaluation.worstFalseAlarms.map((image) => image.imageId).sort()).toEqual(heldOut.slice(1).sort())
    expect(evaluation.worstMisses).toHaveLength(7)
    expect(evaluation.worstMisses.map((image) => image.imageId)).toContain(unlabelled[0])
    expect(evaluation.worstMisses.map((image) => image.score)).toEqual(evaluation.worstMisses.map((image) => image.score).sort((a, b) => a - b))
    expect(evaluation.auroc).toBeGreaterThanOrEqual(0)
    expect(evaluation.auroc).toBeLessThanOrEqual(1)
    expect(evaluation.roc.at(-1)).toMatchObject({ falseAlarmRate: 1, detectionRate: 1 })
    expectConsistent(evaluation)

    // At threshold 0 every image is flagged: every defect detected, every good image a false alarm.
    const everything = await loupe.client.api.anomaly.evaluate({ threshold: 0 })
    expect(everything.confusion).toEqual({ truePositive: 7, falsePositive: 2, trueNegative: 0, falseNegative: 0 })
    expect(everything.auroc).toBe(evaluation.auroc)
  })

  it('takes another good label when asked, and "good" for a version learnt from chosen images', async () => {
    const byKind = await loupe.client.api.anomaly.evaluate({ goodLabel: 'blowhole' })
    expect(byKind).toMatchObject({ goodLabel: 'blowhole', goodImages: 2 })
    expectConsistent(byKind)

    const chosen = [...idsByPath].filter(([path]) => path.includes('/good/')).map(([, id]) => id).slice(0, 5)
    const { id } = await loupe.client.api.anomaly.fit({ imageIds: chosen })
    const second = (await loupe.jobs.settled(id)).result as AnomalyFitResult
    expect(rolesOf(second.modelId)).toHaveLength(5)
    const evaluation = await loupe.client.api.anomaly.evaluate({ modelId: second.modelId })
    expect(evaluation).toMatchObject({ model: { id: second.modelId, version: 2 }, goodLabel: 'good', leftOut: { bank: 4 } })
    expectConsistent(evaluation)
  })

  it('refuses an unknown label or model clearly and changes nothing', async () => {
    const before = await loupe.client.api.anomaly.evaluate({ modelId: fitted.modelId })
    await expect(loupe.client.api.anomaly.evaluate({ goodLabel: 'no such label' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('There is no label "no such label"'),
    })
    await expect(loupe.client.api.anomaly.evaluate({ modelId: 999 })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('There is no anomaly model 999') })
    await expect(loupe.client.api.anomaly.evaluate({ threshold: -1 })).rejects.toMatchObject({ code: 'bad_request' })
    expect(await loupe.client.api.anomaly.evaluate({ modelId: fitted.modelId })).toEqual(before)
  })

  it('refuses a version fitted before its images were recorded, whose own images it could not leave out', async () => {
    // As migration 11 leaves a version fitted under migration 10.
    loupe.workspace.db.prepare('UPDATE anomaly_models SET images_recorded = 0 WHERE id = ?').run(fitted.modelId)
    await expect(loupe.client.api.anomaly.evaluate({ modelId: fitted.modelId })).rejects.toMatchObject({
      code: 'bad_request',
      message: 'Anomaly model default v1 was learnt before Loupe kept which images it learnt from, so they cannot be left out of its evaluation: learn it again to evaluate it.',
    })
  })
})
