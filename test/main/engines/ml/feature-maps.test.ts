import { readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_MODEL_ID,
  dot,
  EmbeddingEngine,
  EngineError,
  ModelError,
  preprocessBatch,
  type BatchFeatures,
  type FeatureMap,
  type InstalledModel,
  type ModelManifest,
} from '../../../../src/main/engines/ml'
import { chooseFeatureLayers } from '../../../../src/main/engines/ml/feature-maps'
import { COCO_IMAGES } from '../../../support/paths'
import { copyOfSharedModel, storeWithDefaultModel } from './support'

/**
 * Intermediate feature maps through the inference worker, on the default MobileNetV2-0.35 (its trunk is a nested model)
 * and real photographs, from TensorFlow.js (wasm) and from onnxruntime (the model converted to ONNX): the same layer
 * must give the same map on both, with the stride-16/32 layers found the same way.
 */

const IMAGES = 4
const BACKENDS = ['wasm', 'onnxruntime'] as const
type Backend = (typeof BACKENDS)[number]

let model: InstalledModel
let batch: Float32Array
const engines = new Map<Backend, EmbeddingEngine>()

beforeAll(async () => {
  model = await (await storeWithDefaultModel()).store.open(DEFAULT_MODEL_ID)
  const names = (await readdir(COCO_IMAGES)).filter((name) => name.endsWith('.jpg')).sort().slice(0, IMAGES)
  batch = await preprocessBatch(names.map((name) => join(COCO_IMAGES, name)), model.manifest)
  for (const backend of BACKENDS) engines.set(backend, await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: [backend] }))
})

afterAll(async () => {
  for (const engine of engines.values()) await engine.close()
})

const engine = (backend: Backend) => engines.get(backend)!
/** features() takes its batch's buffer, so every call gets a copy. */
const features = (backend: Backend, layers: string[], options: { embedding?: boolean } = {}): Promise<BatchFeatures> =>
  engine(backend).features(batch.slice(), IMAGES, layers, options)

describe('feature maps', () => {
  it('finds block_13_expand_relu (stride 16) and out_relu (stride 32) inside the nested trunk, on both backends', () => {
    for (const backend of BACKENDS) {
      expect(engine(backend).backend.name).toBe(backend)
      expect(engine(backend).featureLayers).toEqual({ stride8: 'block_6_expand_relu', stride16: 'block_13_expand_relu', stride32: 'out_relu' })
    }
  })

  it('gives 14×14 and 7×7 NHWC maps that agree between TensorFlow.js and onnxruntime, with the embedding of the same pass', async () => {
    const layers = ['block_13_expand_relu', 'out_relu']
    const tfjs = await features('wasm', layers, { embedding: true })
    const onnx = await features('onnxruntime', layers, { embedding: true })
    for (const result of [tfjs, onnx]) {
      expect(result.maps.map(({ name, height, width, channels }) => ({ name, height, width, channels }))).toEqual([
        { name: 'block_13_expand_relu', height: 14, width: 14, channels: 192 },
        { name: 'out_relu', height: 7, width: 7, channels: 1280 },
      ])
      expect(result.maps[0]!.data).toHaveLength(IMAGES * 14 * 14 * 192)
      expect(result.maps[1]!.data).toHaveLength(IMAGES * 7 * 7 * 1280)
    }
    for (const [index, map] of tfjs.maps.entries()) expectSameMaps(map, onnx.maps[index]!)

    // The model's output is out_relu averaged over positions: the embedding that came with the maps is that mean,
    // normalised, and the one embed() gives.
    for (const backend of BACKENDS) {
      const result = backend === 'wasm' ? tfjs : onnx
      const embedded = await engine(backend).embed(batch.slice(), IMAGES)
      const pooled = meanOverPositions(result.maps[1]!)
      for (let image = 0; image < IMAGES; image++) {
        expect(dot(result.embeddings![image]!, embedded[image]!)).toBeGreaterThan(0.99999)
        expect(dot(result.embeddings![image]!, pooled[image]!)).toBeGreaterThan(0.99999)
      }
    }
    expect(tfjs.embeddings).toHaveLength(IMAGES)
    expect(onnx.embeddings).toHaveLength(IMAGES)
  })

  it('gives any layer with a feature map, not only the defaults, alike on both backends', async () => {
    const layers = ['block_5_add', 'Conv1']
    const [tfjs, onnx] = await Promise.all([features('wasm', layers), features('onnxruntime', layers)])
    expect(tfjs.embeddings).toBeNull()
    expect(onnx.maps.map((map) => [map.name, map.height, map.width, map.channels])).toEqual([
      ['block_5_add', 28, 28, 16],
      ['Conv1', 112, 112, 16],
    ])
    for (const [index, map] of tfjs.maps.entries()) expectSameMaps(map, onnx.maps[index]!)
  })

  it('refuses a layer it does not have by name, listing the nearest ones that give feature maps', async () => {
    for (const backend of BACKENDS) {
      const error = await features(backend, ['out_relu', 'block_13_expand_rel']).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(EngineError)
      expect((error as Error).message).toContain('"MobileNetV2 0.35 (224 px, ImageNet)" has no layer "block_13_expand_rel" with a feature map')
      expect((error as Error).message).toContain('the nearest are block_13_expand_relu (14×14×192), ')
      // A layer without a spatial output (the pooling after the trunk) is not offered either.
      const pooling = await features(backend, ['global_average_pooling2d_GlobalAveragePooling2D2']).catch((caught: unknown) => caught)
      expect((pooling as Error).message).toContain('no layer "global_average_pooling2d_GlobalAveragePooling2D2" with a feature map')
    }
    await expect(engine('wasm').features(batch.slice(), IMAGES, [])).rejects.toThrow(RangeError)
    await expect(engine('wasm').features(batch.slice(), IMAGES, ['out_relu', 'out_relu'])).rejects.toThrow('layer "out_relu" is asked for twice')
    await expect(engine('wasm').features(batch.slice(0, 10), IMAGES, ['out_relu'])).rejects.toThrow(RangeError)
  })

  it('keeps the worker\'s tensors flat over repeated calls (TensorFlow.js), switching between layer sets', async () => {
    const wasm = engine('wasm')
    const one = batch.subarray(0, 224 * 224 * 3)
    await wasm.features(one.slice(), 1, ['out_relu'], { embedding: true })
    const before = await wasm.memory()
    for (let call = 0; call < 24; call++) {
      const layers = call % 2 === 0 ? ['block_13_expand_relu', 'out_relu'] : ['block_5_add']
      await wasm.features(one.slice(), 1, layers, { embedding: call % 3 === 0 })
    }
    await wasm.features(batch.slice(), IMAGES, ['Conv1']).catch(() => undefined)
    await wasm.features(batch.slice(), IMAGES, ['no_such_layer']).catch(() => undefined)
    expect(await wasm.memory()).toEqual(before)
  })

  it('does not grow the process over repeated calls (onnxruntime), on the cached graph and on one converted for other layers', async () => {
    const onnx = engine('onnxruntime')
    const one = batch.subarray(0, 224 * 224 * 3)
    const layerSets = [['block_13_expand_relu', 'out_relu'], ['block_5_add']]
    const round = async (calls: number) => {
      for (let call = 0; call < calls; call++) await onnx.features(one.slice(), 1, layerSets[call % 2]!, { embedding: call % 3 === 0 })
    }
    await round(100)
    const samples: number[] = []
    for (let block = 0; block < 4; block++) {
      await round(100)
      samples.push(process.memoryUsage().rss / 2 ** 20)
    }
    console.info(`[ml] onnxruntime feature maps, RSS after each 100 calls: ${samples.map((mb) => mb.toFixed(0)).join(', ')} MB`)
    expect(Math.max(...samples) - samples[0]!).toBeLessThan(48)
  })
})

describe('feature layers named in the manifest', () => {
  let dir: string
  beforeAll(async () => {
    dir = await copyOfSharedModel()
  })

  it('are used as given (manifests without them parse as before); an unknown one is an invalid manifest', async () => {
    const manifest: ModelManifest = { ...model.manifest, features: { stride16: 'block_12_add' } }
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest))
    for (const backend of BACKENDS) {
      const started = await EmbeddingEngine.start({ modelDir: dir, manifest, backends: [backend] })
      try {
        expect(started.featureLayers).toEqual({ stride8: 'block_6_expand_relu', stride16: 'block_12_add', stride32: 'out_relu' })
      } finally {
        await started.close()
      }
    }
    // Again from the cached ONNX graph (not rebuilt): the same layers, read back from its outputs.
    const cached = await stat(join(dir, 'model.onnx'))
    const again = await EmbeddingEngine.start({ modelDir: dir, manifest, backends: ['onnxruntime'] })
    expect(again.featureLayers).toEqual({ stride8: 'block_6_expand_relu', stride16: 'block_12_add', stride32: 'out_relu' })
    const [map] = (await again.features(batch.slice(0, 224 * 224 * 3), 1, ['block_12_add'])).maps
    expect([map!.height, map!.width, map!.channels]).toEqual([14, 14, 32])
    await again.close()
    expect((await stat(join(dir, 'model.onnx'))).mtimeMs).toBe(cached.mtimeMs)

    const wrong = { ...model.manifest, features: { stride32: 'out_reluu' } }
    for (const backend of BACKENDS) {
      const error = await EmbeddingEngine.start({ modelDir: dir, manifest: wrong, backends: [backend] }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(ModelError)
      expect((error as ModelError).code).toBe('invalid-manifest')
      expect((error as ModelError).reason).toContain('names features.stride32 "out_reluu", but the model has no layer "out_reluu" with a feature map')
      expect((error as ModelError).reason).toContain('nearest are out_relu (7×7×1280)')
    }
  })
})

describe('a layers model run at a larger input than its own', () => {
  let dir: string
  beforeAll(async () => {
    dir = await copyOfSharedModel()
  })

  it('gives stride-8/16/32 maps of the larger grid, alike on both backends, and keeps the ONNX conversion at its own size', async () => {
    const manifest: ModelManifest = { ...model.manifest, input: { ...model.manifest.input, width: 320, height: 320 } }
    const names = (await readdir(COCO_IMAGES)).filter((name) => name.endsWith('.jpg')).sort().slice(0, 2)
    const larger = await preprocessBatch(names.map((name) => join(COCO_IMAGES, name)), manifest)
    const native = await EmbeddingEngine.start({ modelDir: dir, manifest: model.manifest, backends: ['onnxruntime'] })
    await native.close()
    const own = await stat(join(dir, 'model.onnx'))
    const results: BatchFeatures[] = []
    for (const backend of BACKENDS) {
      const started = await EmbeddingEngine.start({ modelDir: dir, manifest, backends: [backend] })
      try {
        const { stride8, stride16, stride32 } = started.featureLayers!
        results.push(await started.features(larger.slice(), 2, [stride8!, stride16!, stride32!]))
      } finally {
        await started.close()
      }
    }
    for (const result of results) expect(result.maps.map((map) => [map.height, map.width])).toEqual([[40, 40], [20, 20], [10, 10]])
    for (const [index, map] of results[0]!.maps.entries()) expectSameMaps(map, results[1]!.maps[index]!)
    // The conversion at 320 is cached beside the model's own, which stays as it was for engines at 224.
    expect((await readdir(dir)).filter((name) => name.endsWith('.onnx')).sort()).toEqual(['model.320x320.onnx', 'model.onnx'])
    expect((await stat(join(dir, 'model.onnx'))).mtimeMs).toBe(own.mtimeMs)
  })
})

/** Each position's channel vector points the same way on both backends, and no value is off by more than 0.1% of the scale. */
function expectSameMaps(a: FeatureMap, b: FeatureMap): void {
  expect([b.name, b.height, b.width, b.channels]).toEqual([a.name, a.height, a.width, a.channels])
  const positions = a.data.length / a.channels
  let worstCosine = 1
  let maxDiff = 0
  let scale = 0
  for (let position = 0; position < positions; position++) {
    const offset = position * a.channels
    let ab = 0
    let aa = 0
    let bb = 0
    for (let channel = 0; channel < a.channels; channel++) {
      const x = a.data[offset + channel]!
      const y = b.data[offset + channel]!
      ab += x * y
      aa += x * x
      bb += y * y
      maxDiff = Math.max(maxDiff, Math.abs(x - y))
      scale = Math.max(scale, Math.abs(x))
    }
    // A position where every channel is zero (after a ReLU) must be zero on both.
    if (aa === 0 || bb === 0) expect(Math.max(aa, bb)).toBeLessThan(1e-8)
    else worstCosine = Math.min(worstCosine, ab / Math.sqrt(aa * bb))
  }
  console.info(`[ml] ${a.name} ${a.height}×${a.width}×${a.channels}: worst cosine per position ${worstCosine.toFixed(7)}, max |diff| ${maxDiff.toExponential(2)} of scale ${scale.toFixed(2)}`)
  expect(worstCosine).toBeGreaterThanOrEqual(0.9999)
  expect(maxDiff / scale).toBeLessThan(1e-3)
}

/** Per image, the map averaged over positions (a channel vector), as global average pooling gives it. */
function meanOverPositions(map: FeatureMap): Float32Array[] {
  const positions = map.height * map.width
  return Array.from({ length: map.data.length / (positions * map.channels) }, (_, image) => {
    const mean = new Float32Array(map.channels)
    for (let position = 0; position < positions; position++) {
      const offset = (image * positions + position) * map.channels
      for (let channel = 0; channel < map.channels; channel++) mean[channel]! += map.data[offset + channel]! / positions
    }
    const norm = Math.sqrt(dot(mean, mean))
    return mean.map((value) => value / norm)
  })
}

describe('chooseFeatureLayers', () => {
  const manifest = (width: number, height: number, features?: ModelManifest['features']): ModelManifest => ({
    ...model.manifest,
    input: { width, height, channels: 3 },
    ...(features ? { features } : {}),
  })
  const layer = (name: string, height: number, width: number) => ({ name, height, width, channels: 8 })

  it('takes the last layer at input / stride, rounding up as "same" padding does, and null where there is none', () => {
    const layers = [layer('a', 13, 19), layer('b', 13, 19), layer('c', 7, 10), layer('d', 13, 19), layer('e', 4, 5)]
    expect(chooseFeatureLayers(manifest(300, 200), layers)).toEqual({ stride8: null, stride16: 'd', stride32: 'c' })
    expect(chooseFeatureLayers(manifest(224, 224), layers)).toEqual({ stride8: null, stride16: null, stride32: null })
    expect(chooseFeatureLayers(manifest(300, 200, { stride32: 'e' }), layers)).toEqual({ stride8: null, stride16: 'd', stride32: 'e' })
  })
})
