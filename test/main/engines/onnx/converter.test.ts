import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_MODEL_MANIFEST,
  dot,
  EmbeddingEngine,
  EngineError,
  ModelError,
  ModelStore,
  preprocessBatch,
  probeBackend,
  type InstalledModel,
} from '../../../../src/main/engines/ml'
import {
  ConversionError,
  convertLayersModel,
  createSession,
  decodeWeights,
  loadOnnxRuntime,
  type LayerInfo,
  type WeightsGroup,
} from '../../../../src/main/engines/onnx'
import { COCO_IMAGES, REPO_ROOT, tempDir } from '../../../support/paths'

/**
 * The TensorFlow.js layers → ONNX converter on the real shared models, run by onnxruntime-node and compared with
 * TensorFlow.js (wasm) on real photographs. Models are added to a temporary store first (the converted model.onnx is
 * cached in the model's folder, never in ../shared).
 */

const MODELS = resolve(REPO_ROOT, '..', 'shared', 'models')
const IMAGES = 8
let store: ModelStore
let images: string[]

beforeAll(async () => {
  store = new ModelStore(join(await tempDir('loupe-onnx-'), 'models'))
  await store.addModelFromFolder(join(MODELS, 'mobilenet-v2-0.35-224'))
  await store.addModelFromFolder(join(MODELS, 'mobilenet-v1-1.0-224'))
  images = (await readdir(COCO_IMAGES))
    .filter((name) => name.endsWith('.jpg'))
    .sort()
    .slice(0, IMAGES)
    .map((name) => join(COCO_IMAGES, name))
})

async function embedWith(model: InstalledModel, backend: 'wasm' | 'onnxruntime'): Promise<{ vectors: Float32Array[]; engine: EmbeddingEngine }> {
  const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: [backend] })
  try {
    const vectors = await engine.embed(await preprocessBatch(images, model.manifest), images.length)
    return { vectors, engine }
  } finally {
    await engine.close()
  }
}

describe.each([
  ['mobilenet-v2-0.35-224 (float32, nested trunk)', DEFAULT_MODEL_MANIFEST.id],
  ['mobilenet-v1-1.0-224 (uint8-quantized kernels)', 'mobilenet-v1-1.0-224'],
])('%s on onnxruntime', (_title, id) => {
  it('gives the embeddings TensorFlow.js gives (cosine ≥ 0.9999 on real photographs)', async () => {
    const model = await store.open(id)
    const tfjs = await embedWith(model, 'wasm')
    const onnx = await embedWith(model, 'onnxruntime')
    expect(tfjs.engine.backend.name).toBe('wasm')
    expect(onnx.engine.backend.name).toBe('onnxruntime')
    expect(onnx.engine.backend.label).toMatch(/^onnxruntime 1\.\d+\.\d+ \(native CPU, \d+ threads?\)$/)
    const cosines = onnx.vectors.map((vector, index) => dot(vector, tfjs.vectors[index]!))
    console.info(`[onnx] ${id}: cosine with TensorFlow.js min ${Math.min(...cosines).toFixed(6)} over ${cosines.length} images`)
    expect(onnx.vectors[0]).toHaveLength(model.manifest.dimension)
    for (const cosine of cosines) expect(cosine).toBeGreaterThanOrEqual(0.9999)
  })
})

describe('the model.onnx cache', () => {
  it('is written beside the model, reused while its key matches and rebuilt when it does not', async () => {
    const model = await store.open(DEFAULT_MODEL_MANIFEST.id)
    const start = () => EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: ['onnxruntime'] })
    await (await start()).close()
    const first = await stat(join(model.dir, 'model.onnx'))
    await (await start()).close()
    expect((await stat(join(model.dir, 'model.onnx'))).mtimeMs).toBe(first.mtimeMs)
    // A key from other weights: the cache is stale and is rebuilt (the file is replaced).
    await writeFile(join(model.dir, 'model.onnx.key'), 'f'.repeat(64))
    await (await start()).close()
    expect((await stat(join(model.dir, 'model.onnx'))).ino).not.toBe(first.ino)
    expect((await readFile(join(model.dir, 'model.onnx.key'), 'utf8')).trim()).not.toBe('f'.repeat(64))
    // The store still sees a healthy model with the cache in its folder.
    await expect(store.open(DEFAULT_MODEL_MANIFEST.id)).resolves.toMatchObject({ id: DEFAULT_MODEL_MANIFEST.id })
  })
})

describe('converter', () => {
  async function sharedModel(id: string): Promise<{ topology: unknown; groups: WeightsGroup[]; data: Buffer }> {
    const json = JSON.parse(await readFile(join(MODELS, id, 'model.json'), 'utf8')) as { modelTopology: unknown; weightsManifest: WeightsGroup[] }
    const data = Buffer.concat(await Promise.all(json.weightsManifest.flatMap((group) => group.paths).map((path) => readFile(join(MODELS, id, path)))))
    return { topology: json.modelTopology, groups: json.weightsManifest, data }
  }

  it('exposes named intermediate feature maps (stride 16 and 32) as extra NHWC outputs', async () => {
    const { topology, groups, data } = await sharedModel('mobilenet-v2-0.35-224')
    const converted = convertLayersModel(topology, decodeWeights(groups, data), {
      embedding: { output: null, pooling: 'none' },
      features: ['block_13_expand_relu', 'out_relu'],
    })
    expect(converted.features.get('block_13_expand_relu')?.shape).toEqual([14, 14, 192])
    expect(converted.features.get('out_relu')?.shape).toEqual([7, 7, 1280])
    const ort = await loadOnnxRuntime()
    const session = await createSession(converted.onnx)
    try {
      const batch = await preprocessBatch(images.slice(0, 2), DEFAULT_MODEL_MANIFEST)
      const result = await session.run({ image: new ort.Tensor('float32', batch, [2, 224, 224, 3]) })
      expect(result['feature:block_13_expand_relu']?.dims).toEqual([2, 14, 14, 192])
      const map = result['feature:out_relu']!
      expect(map.dims).toEqual([2, 7, 7, 1280])
      // The model's output is the global average of out_relu: recompute it from the NHWC map.
      const embedding = result.embedding!.data as Float32Array
      const values = map.data as Float32Array
      for (const channel of [0, 17, 640, 1279]) {
        let sum = 0
        for (let p = 0; p < 49; p++) sum += values[p * 1280 + channel]!
        expect(embedding[channel]).toBeCloseTo(sum / 49, 4)
      }
    } finally {
      await session.release()
    }
  })

  it('lets a function choose the feature outputs from every converted layer, in graph order', async () => {
    const { topology, groups, data } = await sharedModel('mobilenet-v2-0.35-224')
    let seen: readonly LayerInfo[] = []
    const converted = convertLayersModel(topology, decodeWeights(groups, data), {
      embedding: { output: null, pooling: 'none' },
      features: (layers) => {
        seen = layers
        return [layers.find((layer) => layer.shape[0] === 28)!.name]
      },
    })
    const names = seen.map((layer) => layer.name)
    expect(seen[0]).toEqual({ name: 'Conv1_pad', className: 'ZeroPadding2D', shape: [225, 225, 3] })
    // The nested trunk comes after its own layers, then the pooling the outer model adds.
    expect(names.slice(-3)).toEqual(['out_relu', 'model2', 'global_average_pooling2d_GlobalAveragePooling2D2'])
    expect(seen.at(-2)).toMatchObject({ className: 'Model', shape: [7, 7, 1280] })
    expect(names.indexOf('block_13_expand_relu')).toBeLessThan(names.indexOf('block_13_pad'))
    expect([...converted.features]).toEqual([['block_3_depthwise', { output: 'feature:block_3_depthwise', shape: [28, 28, 48] }]])
  })

  it('refuses an unknown layer by name and type, directly and through the engine', async () => {
    const { topology, groups, data } = await sharedModel('mobilenet-v2-0.35-224')
    const altered = retype(topology, 'block_3_expand_relu', 'PReLU')
    const error = (() => {
      try {
        convertLayersModel(altered, decodeWeights(groups, data), { embedding: { output: null, pooling: 'none' } })
      } catch (caught) {
        return caught
      }
      return null
    })()
    expect(error).toBeInstanceOf(ConversionError)
    expect((error as ConversionError).layer).toEqual({ name: 'block_3_expand_relu', className: 'PReLU' })
    expect((error as Error).message).toContain('layer "block_3_expand_relu" (PReLU)')

    // The same model.json in a model folder: onnxruntime refuses it with a ModelError naming the layer.
    const dir = join(await tempDir('loupe-onnx-bad-'), 'model')
    await cp(join(MODELS, 'mobilenet-v2-0.35-224'), dir, { recursive: true })
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { modelTopology: unknown }
    await writeFile(join(dir, 'model.json'), JSON.stringify({ ...json, modelTopology: altered }))
    const refused = await EmbeddingEngine.start({ modelDir: dir, manifest: DEFAULT_MODEL_MANIFEST, backends: ['onnxruntime'] }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ModelError)
    expect((refused as ModelError).code).toBe('incompatible-model')
    expect((refused as ModelError).message).toContain('layer "block_3_expand_relu" (PReLU)')
  })
})

describe('backend choice', () => {
  const saved = process.env.LOUPE_BACKEND
  afterAll(() => {
    if (saved === undefined) delete process.env.LOUPE_BACKEND
    else process.env.LOUPE_BACKEND = saved
  })

  it('prefers onnxruntime over TensorFlow.js wasm by default; LOUPE_BACKEND overrides it', async () => {
    delete process.env.LOUPE_BACKEND
    const chosen = await probeBackend()
    expect(chosen.name).toBe('onnxruntime')
    expect(chosen.skipped.map((entry) => entry.name)).toEqual(['tensorflow-gpu'])
    process.env.LOUPE_BACKEND = 'wasm'
    await expect(probeBackend()).resolves.toMatchObject({ name: 'wasm', skipped: [] })
    process.env.LOUPE_BACKEND = 'onnxruntime'
    await expect(probeBackend()).resolves.toMatchObject({ name: 'onnxruntime', skipped: [] })
  })

  it('an unknown or unavailable override is an EngineError naming the choices', async () => {
    process.env.LOUPE_BACKEND = 'onnx'
    const unknown = await probeBackend().catch((e: unknown) => e)
    expect(unknown).toBeInstanceOf(EngineError)
    expect((unknown as Error).message).toContain('unknown backend(s) onnx; use tensorflow-gpu, onnxruntime, tensorflow, wasm, cpu')
    process.env.LOUPE_BACKEND = 'tensorflow'
    const unavailable = await probeBackend().catch((e: unknown) => e)
    expect(unavailable).toBeInstanceOf(EngineError)
    expect((unavailable as Error).message).toMatch(/No inference backend of tensorflow works here \(tensorflow: .*tfjs-node.*\); the backends are tensorflow-gpu, onnxruntime/)
  })
})

/** A copy of `topology` with the layer `name` (at any depth) given another class. */
function retype(topology: unknown, name: string, className: string): unknown {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit)
    if (value && typeof value === 'object') {
      const entry = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, visit(inner)])) as Record<string, unknown>
      const config = entry.config as { name?: unknown } | undefined
      if ((entry.name === name || config?.name === name) && typeof entry.class_name === 'string' && 'inbound_nodes' in entry) entry.class_name = className
      return entry
    }
    return value
  }
  return visit(topology)
}
