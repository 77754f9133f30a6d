import { readdir, readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { basename, join, sep } from 'node:path'
import bmp from 'bmp-js'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImagingError } from '../../../../src/main/engines/imaging'
import {
  DEFAULT_MODEL_MANIFEST,
  DEFAULT_MODEL_ID,
  dot,
  EmbeddingEngine,
  EngineError,
  l2Norm,
  ModelError,
  preprocessBatch,
  preprocessImage,
  type CropRegion,
  type ModelStore,
} from '../../../../src/main/engines/ml'
import { CIFAR_MINI, COCO_IMAGES } from '../../../support/paths'
import { median, storeWithDefaultModel } from './support'

/**
 * The real default model (MobileNetV2 0.35, added from ../shared through addModelFromFolder) on real photographs.
 * One engine for the whole file.
 */

const INDEX_SIZE = 50
let store: ModelStore
let engine: EmbeddingEngine
let paths: string[]
let index: Float32Array[]

async function embedItems(items: Parameters<typeof preprocessBatch>[0]): Promise<Float32Array[]> {
  return engine.embed(await preprocessBatch(items, DEFAULT_MODEL_MANIFEST), items.length)
}

async function embedInBatches(items: Parameters<typeof preprocessBatch>[0], batchSize: number): Promise<Float32Array[]> {
  const vectors: Float32Array[] = []
  for (let start = 0; start < items.length; start += batchSize) vectors.push(...(await embedItems(items.slice(start, start + batchSize))))
  return vectors
}

/** Indices of the index sorted by similarity to `query`, best first, with the similarities. */
function ranking(query: Float32Array): Array<{ index: number; similarity: number }> {
  return index.map((vector, i) => ({ index: i, similarity: dot(query, vector) })).sort((a, b) => b.similarity - a.similarity)
}

/** 1-based rank of image `target` among the index for `query`. */
function rankOf(query: Float32Array, target: number): number {
  return ranking(query).findIndex((entry) => entry.index === target) + 1
}

beforeAll(async () => {
  ;({ store } = await storeWithDefaultModel())
  const model = await store.open(DEFAULT_MODEL_ID)
  engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest })
  paths = (await readdir(COCO_IMAGES))
    .filter((name) => name.endsWith('.jpg'))
    .sort()
    .slice(0, INDEX_SIZE)
    .map((name) => join(COCO_IMAGES, name))
  index = await embedInBatches(paths, 10)
})

afterAll(async () => {
  await engine?.close()
})

describe('EmbeddingEngine with the default MobileNetV2', () => {
  it('runs on onnxruntime (CPU, all cores but one) here, having skipped the GPU package that has no binary', () => {
    expect(engine.backend.name).toBe('onnxruntime')
    expect(engine.backend.label).toMatch(/^onnxruntime \d+\.\d+\.\d+ \(native CPU, \d+ threads?\)$/)
    expect(engine.backend.threads).toBe(Math.max(1, availableParallelism() - 1))
    expect(engine.backend.skipped.map((entry) => entry.name)).toEqual(['tensorflow-gpu'])
    for (const entry of engine.backend.skipped) expect(entry.reason).toMatch(/without its native addon|not installed/)
  })

  it('gives 1280-d, unit-length, finite embeddings', () => {
    expect(index).toHaveLength(INDEX_SIZE)
    for (const vector of index) {
      expect(vector).toHaveLength(1280)
      expect(vector.every(Number.isFinite)).toBe(true)
      expect(Math.abs(l2Norm(vector) - 1)).toBeLessThan(1e-4)
    }
    // Different photographs, different vectors.
    expect(dot(index[0]!, index[1]!)).toBeLessThan(0.95)
  })

  it("an image's embedding is nearest to itself among 50 COCO images, whatever the batch it ran in", async () => {
    // The same images again, in batches of 7 and alone: identical up to float noise.
    const again = await embedInBatches(paths, 7)
    const alone = await embedInBatches(paths.slice(0, 5), 1)
    for (const [i, query] of [...again.entries(), ...alone.entries()]) {
      const [best] = ranking(query)
      expect(best?.index).toBe(i)
      expect(best?.similarity).toBeGreaterThan(0.9999)
    }
  })

  it('a horizontally flipped, resized, recompressed copy is closer to its original than to any other image', async () => {
    const margins: number[] = []
    for (const source of [0, 7, 13, 21, 34, 42]) {
      const metadata = await sharp(paths[source]!).metadata()
      const copy = await sharp(paths[source]!)
        .flop()
        .resize(Math.round(metadata.width * 0.6))
        .jpeg({ quality: 55 })
        .toBuffer()
      const [query] = await embedItems([copy])
      const [best, second] = ranking(query!)
      expect(best?.index, basename(paths[source]!)).toBe(source)
      margins.push((best?.similarity ?? 0) - (second?.similarity ?? 0))
    }
    console.info(`[ml] flipped copies: similarity margin over the next best image, min ${Math.min(...margins).toFixed(3)}, ` + `median ${median(margins).toFixed(3)}`)
  })

  it('a region crop is closer to its source image than to most others', async () => {
    // The largest labelled object (10–60 % of the frame) of each image that has one, as a region search would crop it.
    const ranks: Array<{ file: string; rank: number }> = []
    for (const [i, path] of paths.entries()) {
      if (ranks.length === 12) break
      const region = await largestObject(path)
      if (!region) continue
      const [query] = await embedItems([{ input: path, crop: region }])
      ranks.push({ file: basename(path), rank: rankOf(query!, i) })
    }
    const values = ranks.map((entry) => entry.rank)
    console.info(`[ml] region crops: rank of the source among ${INDEX_SIZE}: ${values.join(', ')} (median ${median(values)})`)
    expect(ranks).toHaveLength(12)
    expect(median(values)).toBeLessThanOrEqual(2)
    // Every crop beats most of the other images.
    for (const entry of ranks) expect(entry.rank, entry.file).toBeLessThanOrEqual(INDEX_SIZE / 4)
  })

  it('CIFAR-10 images (32×32, upscaled) are closer to their own class than to others on average', async () => {
    const classes = (await readdir(CIFAR_MINI, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
    const byClass: Float32Array[][] = []
    for (const name of classes) {
      const files = (await readdir(join(CIFAR_MINI, name))).sort().slice(0, 6)
      byClass.push(await embedItems(files.map((file) => join(CIFAR_MINI, name, file))))
    }
    let within = 0
    let withinCount = 0
    let between = 0
    let betweenCount = 0
    for (const [a, groupA] of byClass.entries()) {
      for (const [b, groupB] of byClass.entries()) {
        for (const [i, u] of groupA.entries()) {
          for (const [j, v] of groupB.entries()) {
            if (a === b && i === j) continue
            if (a === b) {
              within += dot(u, v)
              withinCount++
            } else {
              between += dot(u, v)
              betweenCount++
            }
          }
        }
      }
    }
    const withinMean = within / withinCount
    const betweenMean = between / betweenCount
    console.info(`[ml] cifar10-mini: mean cosine within class ${withinMean.toFixed(3)}, between classes ${betweenMean.toFixed(3)}`)
    expect(withinMean).toBeGreaterThan(betweenMean)
  })

  it('applies EXIF orientation and reads BMP, so the same picture embeds the same whatever its file', async () => {
    // Square at the model's size, so no resampling differs between the variants: only decoding and orientation matter.
    const { data, info } = await sharp(paths[3]!).resize(224, 224, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true })
    const plain = await sharp(data, { raw: info }).png().toBuffer()
    // Stored turned 90° anticlockwise, with EXIF orientation 6 ("turn 90° clockwise to display"); and the same without it.
    const oriented = await sharp(data, { raw: info }).rotate(-90).png().withMetadata({ orientation: 6 }).toBuffer()
    const sideways = await sharp(data, { raw: info }).rotate(-90).png().toBuffer()
    // BMP through bmp-js (4 bytes a pixel, A B G R).
    const abgr = Buffer.alloc(info.width * info.height * 4)
    for (let p = 0; p < info.width * info.height; p++) {
      abgr[p * 4] = 255
      abgr[p * 4 + 1] = data[p * 3 + 2]!
      abgr[p * 4 + 2] = data[p * 3 + 1]!
      abgr[p * 4 + 3] = data[p * 3]!
    }
    const bmpFile = bmp.encode({ data: abgr, width: info.width, height: info.height }).data
    const [fromPlain, fromOriented, fromSideways, fromBmp] = await embedItems([plain, oriented, sideways, bmpFile])
    expect(dot(fromPlain!, fromOriented!)).toBeGreaterThan(0.9999)
    expect(dot(fromPlain!, fromBmp!)).toBeGreaterThan(0.9999)
    expect(dot(fromPlain!, fromSideways!)).toBeLessThan(0.97)
  })

  it('keeps the tensor count flat over repeated single-image inferences', async () => {
    const input = await preprocessImage(paths[0]!, DEFAULT_MODEL_MANIFEST)
    const before = await engine.memory()
    for (let i = 0; i < 40; i++) await engine.embed(input.slice(), 1)
    expect(await engine.memory()).toEqual(before)
  })

  it('transfers the batch to the worker instead of copying it, and checks its size', async () => {
    const batch = await preprocessImage(paths[0]!, DEFAULT_MODEL_MANIFEST)
    const [vector] = await engine.embed(batch, 1)
    expect(batch.length).toBe(0) // detached: the buffer moved to the worker
    expect(batch.buffer.byteLength).toBe(0)
    expect(dot(vector!, index[0]!)).toBeGreaterThan(0.9999)
    await expect(engine.embed(new Float32Array(10), 1)).rejects.toThrow(RangeError)
    await expect(engine.embed(new Float32Array(0), 0)).rejects.toThrow(RangeError)
  })

  it('refuses a crop outside the image with an ImagingError', async () => {
    await expect(preprocessImage(paths[0]!, DEFAULT_MODEL_MANIFEST, { crop: { x: 5000, y: 0, width: 10, height: 10 } })).rejects.toThrow(ImagingError)
  })
})

describe('EmbeddingEngine start failures', () => {
  it('a model damaged after it was verified fails inside the worker with the same typed ModelError', async () => {
    const model = await store.open(DEFAULT_MODEL_ID)
    const bytes = await readFile(join(model.dir, 'weights.bin'))
    const damaged = { ...model.manifest, weights: [{ path: 'weights.bin', sha256: 'f'.repeat(64), bytes: bytes.byteLength }] }
    const error = await EmbeddingEngine.start({ modelDir: model.dir, manifest: damaged }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ModelError)
    expect((error as ModelError).code).toBe('hash-mismatch')
    expect((error as ModelError).message).toContain('loupe models add PATH')
  })

  it('no usable backend among those allowed is an EngineError that says why each was passed over', async () => {
    const model = await store.open(DEFAULT_MODEL_ID)
    const error = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: ['tensorflow'] }).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(EngineError)
    expect((error as Error).message).toMatch(/No inference backend of tensorflow works here \(tensorflow: .*tfjs-node/)
  })
})

async function largestObject(imagePath: string): Promise<CropRegion | null> {
  const labelPath = imagePath.replace(`${sep}images${sep}`, `${sep}labels${sep}`).replace(/\.jpg$/, '.txt')
  let text: string
  try {
    text = await readFile(labelPath, 'utf8')
  } catch {
    return null
  }
  const { width, height } = await sharp(imagePath).metadata()
  let best: CropRegion | null = null
  for (const line of text.split('\n')) {
    const [, cx, cy, w, h] = line.trim().split(/\s+/).map(Number)
    if (cx === undefined || cy === undefined || w === undefined || h === undefined) continue
    const area = w * h
    if (area < 0.1 || area > 0.6) continue
    if (best && area * width * height <= best.width * best.height) continue
    best = { x: (cx - w / 2) * width, y: (cy - h / 2) * height, width: w * width, height: h * height }
  }
  return best
}
