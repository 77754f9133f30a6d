import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AnomalyError,
  falseAlarmRate,
  fitAnomalyModel,
  readAnomalyModel,
  scoreAnomalies,
  writeAnomalyModel,
  type AnomalyModel,
  type AnomalySplit,
  type ImageAnomaly,
} from '../../../../src/main/engines/anomaly'
import { EmbeddingEngine, ModelStore, type InstalledModel } from '../../../../src/main/engines/ml'
import { SHARED_MODELS, tempDir } from '../../../support/paths'
import { defectTiles, goodTiles } from './support'

/**
 * PatchCore on MobileNetV1 and the magnetic tiles: learnt from part of the good tiles (by tile number, so the held-out
 * tiles are other physical tiles, not the same ones under another lighting), it must rank defects above good tiles and
 * put its strongest region on the defect. Half the unseen good tiles are scored, to keep the run short.
 */

let installed: InstalledModel
let engine: EmbeddingEngine
let good: string[]
let model: AnomalyModel & AnomalySplit
let work: string

beforeAll(async () => {
  work = await tempDir('loupe-anomaly-')
  const store = new ModelStore(join(work, 'models'))
  await store.addModelFromFolder(join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
  installed = await store.open('mobilenet-v1-1.0-224')
  engine = await EmbeddingEngine.start({ modelDir: installed.dir, manifest: installed.manifest, backends: ['onnxruntime'] })
  good = await goodTiles()
  model = await fitAnomalyModel([engine], learnt())
})

afterAll(async () => {
  await engine?.close()
})

/** The first 60% of the good tiles by number. */
const learnt = () => good.slice(0, Math.floor(good.length * 0.6))
/** Good tiles never learnt from: the last 40% by number, every second one. */
const unseen = () => good.slice(Math.floor(good.length * 0.6)).filter((_, index) => index % 2 === 0)

describe('anomaly detection on the magnetic tiles', () => {
  it('keeps a small bank and calibrates its threshold on held-out good tiles', () => {
    expect(model.goodImages).toBe(learnt().length)
    expect(model.heldOutImages).toBe(Math.round(learnt().length * 0.2))
    const [member] = model.members
    expect(model.members).toHaveLength(1)
    expect(member!.spread).toBe(1)
    expect(member!.bank.length / member!.dimension).toBeLessThan(member!.patchesSeen * 0.02)
    expect(model.colour).toBe('grey')
    expect(model.threshold).toBeGreaterThan(0)
    // Three standard deviations above the held-out mean: past the held-out tail, so none of them reaches it.
    const mean = model.heldOutScores.reduce((sum, score) => sum + score, 0) / model.heldOutImages
    const spread = Math.sqrt(model.heldOutScores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / model.heldOutImages)
    expect(model.threshold).toBeCloseTo(mean + 3 * spread, 5)
    expect(falseAlarmRate(model.heldOutScores, model.threshold)).toBe(0)
  })

  it('scores defects above the unseen good tiles and puts the top region on the defect', async () => {
    const defects = await defectTiles()
    const goodScores = (await scoreAnomalies(model, [engine], unseen())).map((scored) => scored.score).sort((a, b) => a - b)
    const scored = await scoreAnomalies(model, [engine], defects.map((defect) => defect.path))
    const median = goodScores[Math.floor(goodScores.length / 2)]!
    const above = scored.filter((image) => image.score > median).length
    // Measured: 31 of 34 above the median (AUROC .86); the misses are fray tiles, whose defect runs along the very edge.
    expect(above / scored.length).toBeGreaterThanOrEqual(0.9)
    const wins = scored.reduce((sum, image) => sum + goodScores.filter((score) => image.score > score).length, 0)
    expect(wins / (scored.length * goodScores.length)).toBeGreaterThan(0.8)

    const flagged = scored.filter((image) => image.anomalous)
    expect(flagged.length).toBeGreaterThan(scored.length / 2)
    // Measured: 6 of the 46 unseen good tiles flagged (a 0.99 quantile of the held-out scores flagged a quarter).
    expect(goodScores.filter((score) => score >= model.threshold).length / goodScores.length).toBeLessThan(0.15)
    let onDefect = 0
    for (const image of flagged) {
      expect(image.regions.length).toBeGreaterThan(0)
      if (await regionTouchesMask(image, defects.find((defect) => defect.path === image.path)!.mask)) onDefect++
    }
    // Measured: 24 flagged, the top region on the defect in 17.
    expect(onDefect / flagged.length).toBeGreaterThan(0.6)
  })

  it('gives regions in the pixels of the original picture, whatever its size', async () => {
    const [scored] = await scoreAnomalies(model, [engine], [good.at(-1)!], { threshold: 0 })
    const { width, height } = await sharp(good.at(-1)!).metadata()
    expect({ width: scored!.width, height: scored!.height }).toEqual({ width, height })
    // At threshold 0 the whole picture is one hot region.
    expect(scored!.regions).toEqual([{ x: 0, y: 0, width, height, score: scored!.score }])
  })

  it('fits the same model twice from the same pictures', async () => {
    const few = good.slice(0, 6)
    const first = await fitAnomalyModel([engine], few)
    const second = await fitAnomalyModel([engine], few)
    expect(second.members[0]!.bank).toEqual(first.members[0]!.bank)
    expect(second.heldOutScores).toEqual(first.heldOutScores)
    const probe = (await defectTiles()).slice(0, 2).map((defect) => defect.path)
    expect(await scoreAnomalies(second, [engine], probe)).toEqual(await scoreAnomalies(first, [engine], probe))
  })

  it('writes a model to one file and reads the same model back; a damaged file is refused clearly', async () => {
    const file = join(work, 'tiles.anomaly')
    await writeAnomalyModel(file, model)
    const read = await readAnomalyModel(file)
    expect(read).toEqual(model)
    // A file of the first format (one backbone, before models could have two) reads as a model of one member.
    const { members, ...rest } = model
    const { bank, spread: _, ...member } = members[0]!
    const json = Buffer.from(JSON.stringify({ ...rest, ...member }))
    const start = Math.ceil((16 + 4 + json.length) / 4) * 4
    const first = Buffer.alloc(start + bank.byteLength)
    first.write('LOUPE-ANOMALY-1\n', 0, 'latin1')
    first.writeUInt32LE(json.length, 16)
    json.copy(first, 20)
    Buffer.from(bank.buffer, bank.byteOffset, bank.byteLength).copy(first, start)
    await writeFile(file, first)
    expect(await readAnomalyModel(file)).toEqual(model)
    await writeFile(file, first.subarray(0, first.length - 4))
    await expect(readAnomalyModel(file)).rejects.toThrow(/is cut short/)
    await writeFile(file, 'not a model')
    await expect(readAnomalyModel(file)).rejects.toThrow(/is not an anomaly model: learn the model again/)
    await expect(readAnomalyModel(join(work, 'missing.anomaly'))).rejects.toMatchObject({ code: 'unreadable-model' })
  })
})

describe('what fitting refuses', () => {
  it('no good images, one good image, grey and colour mixed', async () => {
    await expect(fitAnomalyModel([engine], [])).rejects.toMatchObject({ code: 'no-good-images' })
    await expect(fitAnomalyModel([engine], [good[0]!])).rejects.toThrow(/at least two are needed/)
    const colour = join(work, 'colour.png')
    await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toFile(colour)
    const mixed = fitAnomalyModel([engine], [...good.slice(0, 5), colour])
    await expect(mixed).rejects.toBeInstanceOf(AnomalyError)
    await expect(mixed).rejects.toMatchObject({ code: 'mixed-channels' })
    await expect(scoreAnomalies(model, [engine], [colour])).rejects.toThrow(/is a colour picture, but the good images are grey/)
  })

  it('a model learnt with another backbone', async () => {
    const [member] = model.members
    const other = { ...model, members: [{ ...member!, backbone: { ...member!.backbone, modelId: 'mobilenet-v2-1.0-224' } }] }
    await expect(scoreAnomalies(other, [engine], [good[0]!])).rejects.toMatchObject({ code: 'other-backbone' })
  })
})

describe('on MobileNetV2 1.0, alone and beside MobileNetV1', () => {
  let v2: EmbeddingEngine
  beforeAll(async () => {
    const store = new ModelStore(join(work, 'models'))
    await store.addModelFromFolder(join(SHARED_MODELS, 'mobilenet-v2-1.0-224'))
    const installedV2 = await store.open('mobilenet-v2-1.0-224')
    v2 = await EmbeddingEngine.start({ modelDir: installedV2.dir, manifest: installedV2.manifest, backends: ['onnxruntime'] })
  })
  afterAll(async () => {
    await v2?.close()
  })

  it('learns from the layers measured for it', async () => {
    const fitted = await fitAnomalyModel([v2], good.slice(0, 3))
    expect(fitted.members[0]!.backbone).toEqual({ modelId: 'mobilenet-v2-1.0-224', layers: ['conv_22', 'conv_40'] })
    // The stride-8 grid, and 128 channel groups of each map.
    expect({ grid: fitted.members[0]!.grid, dimension: fitted.members[0]!.dimension }).toEqual({ grid: { height: 28, width: 28 }, dimension: 256 })
  })

  it('averages the two backbones\' maps, each scaled by its held-out spread, each bank as it would be alone', async () => {
    const pair = await fitAnomalyModel([engine, v2], learnt())
    expect(pair.members.map((member) => member.backbone.modelId)).toEqual(['mobilenet-v1-1.0-224', 'mobilenet-v2-1.0-224'])
    expect(pair.members[0]!.bank).toEqual(model.members[0]!.bank)
    expect(pair.bankPaths).toEqual(model.bankPaths)
    for (const member of pair.members) expect(member.spread).toBeGreaterThan(0)
    // In units of each backbone's held-out spread: the threshold again three of the pair's own spreads above their mean.
    const mean = pair.heldOutScores.reduce((sum, score) => sum + score, 0) / pair.heldOutImages
    const spread = Math.sqrt(pair.heldOutScores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / pair.heldOutImages)
    expect(pair.threshold).toBeCloseTo(mean + 3 * spread, 5)

    const tiles = await defectTiles()
    const defects = tiles.map((defect) => defect.path)
    const goodScores = (await scoreAnomalies(pair, [engine, v2], unseen())).map((scored) => scored.score).sort((a, b) => a - b)
    const scored = await scoreAnomalies(pair, [engine, v2], defects)
    const median = goodScores[Math.floor(goodScores.length / 2)]!
    // Measured: AUROC .87 on this split (V1 alone .86); both splits over three seeds .853 against V1's .816.
    const wins = scored.reduce((sum, image) => sum + goodScores.filter((score) => image.score > score).length, 0)
    expect(wins / (scored.length * goodScores.length)).toBeGreaterThan(0.8)
    expect(scored.filter((image) => image.score > median).length / scored.length).toBeGreaterThanOrEqual(0.9)
    // The score is the shown map's peak, so a flagged picture always has a region to box.
    const flagged = scored.filter((candidate) => candidate.anomalous)
    for (const image of flagged) expect(image.regions[0]?.score).toBe(image.score)
    let onDefect = 0
    for (const image of flagged) if (await regionTouchesMask(image, tiles.find((defect) => defect.path === image.path)!.mask)) onDefect++
    // Measured: 22 flagged, the top region on the defect in 14 (V1 alone: 17 of 24).
    expect(onDefect / flagged.length).toBeGreaterThan(0.6)

    const file = join(work, 'pair.anomaly')
    await writeAnomalyModel(file, pair)
    const read = await readAnomalyModel(file)
    expect(read.members).toEqual(pair.members)
    expect(await scoreAnomalies(read, [engine, v2], defects.slice(0, 2))).toEqual(scored.slice(0, 2))
    await expect(scoreAnomalies(read, [engine], defects.slice(0, 1))).rejects.toThrow(/"mobilenet-v1-1.0-224" and "mobilenet-v2-1.0-224", not "mobilenet-v1-1.0-224"/)
  })

  it('leaves the second backbone out when too few good pictures are held out to scale by', async () => {
    const few = await fitAnomalyModel([engine, v2], good.slice(0, 49))
    expect(few.heldOutImages).toBe(10)
    expect(few.members).toHaveLength(2)
    const fewer = await fitAnomalyModel([engine, v2], good.slice(0, 47))
    expect(fewer.heldOutImages).toBe(9)
    expect(fewer.members.map((member) => member.backbone.modelId)).toEqual(['mobilenet-v1-1.0-224'])
  })
})

describe('on TensorFlow.js (wasm)', () => {
  it('fits and scores without leaving tensors behind', async () => {
    const wasm = await EmbeddingEngine.start({ modelDir: installed.dir, manifest: installed.manifest, backends: ['wasm'] })
    try {
      const few = good.slice(0, 3)
      await fitAnomalyModel([wasm], few)
      const before = (await wasm.memory()).numTensors
      const fitted = await fitAnomalyModel([wasm], few)
      await scoreAnomalies(fitted, [wasm], few)
      expect((await wasm.memory()).numTensors).toBe(before)
    } finally {
      await wasm.close()
    }
  })
})

/** Whether the box covers any white pixel of the mask (the mask stretched to the picture if its size differs). */
async function regionTouchesMask(image: ImageAnomaly, mask: string): Promise<boolean> {
  const top = image.regions[0]!
  const { data, info } = await sharp(mask).greyscale().resize(image.width, image.height, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true })
  for (let y = top.y; y < top.y + top.height; y++) {
    for (let x = top.x; x < top.x + top.width; x++) if (data[y * info.width + x]! > 127) return true
  }
  return false
}
