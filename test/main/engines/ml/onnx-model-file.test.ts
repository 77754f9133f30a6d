import { randomBytes } from 'node:crypto'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  dot,
  EmbeddingEngine,
  EngineError,
  inspectOnnxModel,
  ModelError,
  ModelStore,
  preprocessBatch,
  type InstalledModel,
  type ModelErrorCode,
  type ModelManifestDraft,
} from '../../../../src/main/engines/ml'
import { COCO_IMAGES, tempDir } from '../../../support/paths'
import { mobilenetOnnx, nchwVariant, writeOnnx } from './onnx-files'
import { SHARED_MODEL } from './support'

/**
 * .onnx backbones added as files: the shared MobileNetV2 0.35 converted to ONNX by the product's converter (NHWC), and
 * the same network behind an NCHW input. Their embeddings on real photographs must be the TensorFlow.js layers model's.
 */

const IMAGES = 6
let dir: string
let nhwcFile: string
let nchwFile: string
let images: string[]
/** The layers model's embeddings of `images` on TensorFlow.js (wasm): the reference. */
let reference: Float32Array[]

beforeAll(async () => {
  dir = await tempDir('loupe-onnx-file-')
  const nhwc = await mobilenetOnnx()
  nhwcFile = await writeOnnx(dir, 'MobileNet V2 (0.35).onnx', nhwc)
  nchwFile = await writeOnnx(dir, 'mobilenet-nchw.onnx', nchwVariant(nhwc))
  images = (await readdir(COCO_IMAGES))
    .filter((name) => name.endsWith('.jpg'))
    .sort()
    .slice(0, IMAGES)
    .map((name) => join(COCO_IMAGES, name))
  const store = await emptyStore()
  const layers = await store.addModelFromFolder(SHARED_MODEL)
  reference = await embed(layers, ['wasm'])
})

afterEach(() => {
  delete process.env.LOUPE_BACKEND
})

async function emptyStore(): Promise<ModelStore> {
  return new ModelStore(join(await tempDir('loupe-onnx-store-'), 'models'))
}

async function embed(model: InstalledModel, backends?: Array<'wasm' | 'onnxruntime'>): Promise<Float32Array[]> {
  const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, ...(backends ? { backends } : {}) })
  try {
    return await engine.embed(await preprocessBatch(images, model.manifest), images.length)
  } finally {
    await engine.close()
  }
}

function expectReferenceEmbeddings(vectors: Float32Array[]): void {
  expect(vectors).toHaveLength(IMAGES)
  for (const [index, vector] of vectors.entries()) {
    expect(vector).toHaveLength(1280)
    expect(dot(vector, reference[index]!)).toBeGreaterThanOrEqual(0.9999)
  }
}

async function modelError(action: Promise<unknown>, code: ModelErrorCode): Promise<ModelError> {
  const error = await action.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ModelError)
  expect((error as ModelError).code, (error as Error).message).toBe(code)
  return error as ModelError
}

/** A draft for the NCHW file, as a person would write it beside the file. */
const nchwDraft: ModelManifestDraft = {
  manifestVersion: 1,
  id: 'mobilenet-nchw',
  name: 'MobileNetV2 0.35, NCHW',
  format: 'onnx',
  input: { width: 224, height: 224, channels: 3, name: 'pixels', layout: 'nchw' },
  normalisation: { scale: 1 / 127.5, offset: -1 },
  embedding: { output: 'features_nchw', pooling: 'avg' },
  dimension: 1280,
  sourceUrl: null,
}

describe('inspectOnnxModel', () => {
  it('reads the NHWC file and proposes a manifest, listing what it guessed', async () => {
    const inspection = await inspectOnnxModel(nhwcFile)
    expect(inspection.inputs).toEqual([{ name: 'image', type: 'float32', shape: ['batch', 224, 224, 3] }])
    expect(inspection.outputs).toEqual([
      { name: 'embedding', type: 'float32', shape: ['batch', 1280] },
      { name: 'feature:out_relu', type: 'float32', shape: ['batch', 7, 7, 1280] },
    ])
    const bytes = await readFile(nhwcFile)
    expect(inspection.bytes).toBe(bytes.byteLength)
    expect(inspection.manifest).toMatchObject({
      id: 'mobilenet-v2-0.35',
      name: 'MobileNet V2 (0.35)',
      format: 'onnx',
      modelFile: 'model.onnx',
      input: { width: 224, height: 224, channels: 3, name: 'image', layout: 'nhwc' },
      normalisation: { scale: 1 / 127.5, offset: -1 },
      embedding: { output: 'embedding', pooling: 'none' },
      dimension: 1280,
      weights: [{ path: 'model.onnx', sha256: inspection.sha256, bytes: bytes.byteLength }],
    })
    // The layout and size are in the graph; the name, the scaling and the choice between two outputs are not.
    expect(inspection.guesses.map((guess) => guess.field)).toEqual(['id', 'name', 'embedding.output', 'normalisation'])
    expect(inspection.guesses.find((guess) => guess.field === 'embedding.output')?.why).toContain('"embedding", "feature:out_relu"')
  })

  it('reads the NCHW file: the layout from the axis that holds 3', async () => {
    const { manifest, guesses } = await inspectOnnxModel(nchwFile)
    expect(manifest.input).toEqual({ width: 224, height: 224, channels: 3, name: 'pixels', layout: 'nchw' })
    expect(manifest.embedding).toEqual({ output: 'embedding', pooling: 'none' })
    expect(guesses.map((guess) => guess.field)).not.toContain('input.layout')
  })

  it('refuses random bytes, a truncated file and an empty one as not ONNX', async () => {
    const whole = await readFile(nhwcFile)
    const cases = {
      'random.onnx': randomBytes(4096),
      'truncated.onnx': whole.subarray(0, Math.floor(whole.length / 2)),
      'empty.onnx': new Uint8Array(0),
    }
    for (const [name, bytes] of Object.entries(cases)) {
      const error = await modelError(inspectOnnxModel(await writeOnnx(dir, name, bytes)), 'unparsable-model')
      expect(error.reason).toContain(`${name} is not an ONNX model onnxruntime can load (`)
    }
    await modelError(inspectOnnxModel(join(dir, 'missing.onnx')), 'missing-model-file')
  })
})

describe('ModelStore.addModelFromFile with an .onnx backbone', () => {
  it('without a manifest: adds the inspected defaults; onnxruntime is chosen though wasm comes first', async () => {
    const store = await emptyStore()
    const model = await store.addModelFromFile(nhwcFile)
    expect(model.id).toBe('mobilenet-v2-0.35')
    expect(await readdir(model.dir)).toEqual(['manifest.json', 'model.onnx'])
    await expect(store.open(model.id)).resolves.toEqual(model)
    const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: ['wasm', 'onnxruntime'] })
    try {
      expect(engine.backend.name).toBe('onnxruntime')
      expect(engine.backend.skipped).toEqual([{ name: 'wasm', reason: 'TensorFlow.js cannot run an ONNX model' }])
      expectReferenceEmbeddings(await engine.embed(await preprocessBatch(images, model.manifest), images.length))
    } finally {
      await engine.close()
    }
  })

  it('NHWC, reading the 4-d feature map averaged over its positions (manifest given by the caller)', async () => {
    const store = await emptyStore()
    const { manifest } = await inspectOnnxModel(nhwcFile)
    const model = await store.addModelFromFile(nhwcFile, {
      manifest: { ...manifest, id: 'mobilenet-map', embedding: { output: 'feature:out_relu', pooling: 'avg' } },
    })
    expectReferenceEmbeddings(await embed(model))
  })

  it('NCHW: images transposed in, the NCHW feature map averaged (sidecar <file>.json)', async () => {
    const store = await emptyStore()
    await writeFile(`${nchwFile}.json`, JSON.stringify(nchwDraft))
    try {
      const model = await store.addModelFromFile(nchwFile)
      expect(model.manifest).toMatchObject({ ...nchwDraft, modelFile: 'model.onnx' })
      expectReferenceEmbeddings(await embed(model))
    } finally {
      await rm(`${nchwFile}.json`)
    }
  })

  it('NCHW with its 2-d output (manifest.json beside the file, naming it)', async () => {
    const folder = await tempDir('loupe-onnx-beside-')
    const file = await writeOnnx(folder, 'net.onnx', await readFile(nchwFile))
    const draft = { ...nchwDraft, id: 'net', modelFile: 'net.onnx', embedding: { output: 'embedding', pooling: 'none' } }
    await writeFile(join(folder, 'manifest.json'), JSON.stringify(draft))
    const model = await (await emptyStore()).addModelFromFile(file)
    expect(model.manifest.embedding).toEqual({ output: 'embedding', pooling: 'none' })
    expectReferenceEmbeddings(await embed(model, ['onnxruntime']))
  })

  it('LOUPE_BACKEND=wasm: an ONNX model is refused with why', async () => {
    const model = await (await emptyStore()).addModelFromFile(nhwcFile)
    process.env.LOUPE_BACKEND = 'wasm'
    const error = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(EngineError)
    expect((error as Error).message).toContain(
      '"MobileNet V2 (0.35)" is an ONNX model; it runs on onnxruntime only, which is not among the backends allowed here (wasm; see LOUPE_BACKEND).',
    )
  })

  it('refuses a manifest that contradicts the file, a pinned SHA-256 it does not have, and another format', async () => {
    const store = await emptyStore()
    const wrongOutput = await modelError(store.addModelFromFile(nchwFile, { manifest: { ...nchwDraft, embedding: { output: 'logits', pooling: 'none' } } }), 'invalid-manifest')
    expect(wrongOutput.reason).toContain('names the output "logits", which the model does not have; its outputs are "embedding" [batch, 1280]')
    const wrongLayout = await modelError(store.addModelFromFile(nchwFile, { manifest: { ...nchwDraft, input: { ...nchwDraft.input, layout: 'nhwc' } } }), 'invalid-manifest')
    expect(wrongLayout.reason).toContain('says layout "nhwc", but then the input [batch, 3, 224, 224] would have 224 channels, not 3')
    const wrongSize = await modelError(store.addModelFromFile(nchwFile, { manifest: { ...nchwDraft, dimension: 1000 } }), 'invalid-manifest')
    expect(wrongSize.reason).toContain('says the embedding has 1000 values, but the output "features_nchw" [batch, 1280, 7, 7] gives 1280')
    const pinned = { ...nchwDraft, modelFile: 'x.onnx', weights: [{ path: 'x.onnx', sha256: 'a'.repeat(64) }] }
    await modelError(store.addModelFromFile(nchwFile, { manifest: pinned }), 'hash-mismatch')
    const layers = await modelError(store.addModelFromFile(nchwFile, { manifest: { ...nchwDraft, format: 'layers', input: { width: 224, height: 224, channels: 3 } } }), 'invalid-manifest')
    expect(layers.reason).toContain('says format "layers"; an .onnx file is format "onnx"')
    // Nothing was installed, and no temporary folder is left.
    expect(await readdir(store.dir)).toEqual([])
  })

  it('refuses bad files and unknown extensions, leaving nothing behind', async () => {
    const store = await emptyStore()
    const random = await writeOnnx(dir, 'noise.onnx', randomBytes(10_000))
    const error = await modelError(store.addModelFromFile(random), 'unparsable-model')
    expect(error.reason).toMatch(/noise\.onnx is not an ONNX model onnxruntime can load \(.+\)\.$/)
    const other = await writeOnnx(dir, 'model.h5', randomBytes(100))
    const unknown = await modelError(store.addModelFromFile(other), 'unparsable-model')
    expect(unknown.reason).toContain('model.h5 is not a model file Loupe reads: it adds .onnx and .tflite files, and TensorFlow.js model folders')
    await modelError(store.addModelFromFile(dir), 'missing-model-file')
    expect(await readdir(store.dir)).toEqual([])
  })

  it('a model.onnx changed after it was added is refused when opened and when loaded', async () => {
    const store = await emptyStore()
    const model = await store.addModelFromFile(nhwcFile)
    const path = join(model.dir, 'model.onnx')
    const bytes = await readFile(path)
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1)
    await writeFile(path, bytes)
    await modelError(store.open(model.id), 'hash-mismatch')
    await modelError(EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: ['onnxruntime'] }), 'hash-mismatch')
  })
})
