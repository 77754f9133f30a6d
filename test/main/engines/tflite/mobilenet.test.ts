import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { EmbeddingEngine, ModelManifest, preprocessBatch, type BackendName } from '../../../../src/main/engines/ml'
import { convertLayersModel, createSession, decodeWeights, loadOnnxRuntime, type WeightsGroup } from '../../../../src/main/engines/onnx'
import { convertTflite, convertTfliteFile, TfliteConversionError, WEIGHTS_FILE, type TfliteConversion } from '../../../../src/main/engines/tflite'
import { CIFAR_MINI, SHARED_DATA, SHARED_MODELS, tempDir } from '../../../support/paths'

/**
 * The two real quantized MobileNets in ../shared/models/tflite, converted and run on real images (NEU steel surfaces
 * and CIFAR-10 photographs). The shared folders mobilenet-v1-1.0-224 and mobilenet-v2-1.0-224 are earlier conversions
 * of the same files by another tool (its weights re-quantized, some stored as float16): the embeddings must agree with
 * theirs, and with onnxruntime running the result through the onnx engine.
 */

const TFLITE = join(SHARED_MODELS, 'tflite')
const V1_FILE = join(TFLITE, 'mobilenet_v1_1.0_224_quant_embedding_extractor.tflite')
const V2_FILE = join(TFLITE, 'mobilenet_v2_1.0_224_quant.tflite')
const V2_POOLED = 'MobilenetV2/Logits/AvgPool'
const MIN_COSINE = 0.9999

let images: string[]

beforeAll(async () => {
  const neu = join(SHARED_DATA, 'neu-det', 'images')
  const neuImages = ['crazing_1.jpg', 'inclusion_2.jpg', 'patches_3.jpg', 'scratches_4.jpg'].map((name) => join(neu, name))
  const classes = (await readdir(CIFAR_MINI)).sort().slice(0, 4)
  images = [...neuImages, ...classes.map((name) => join(CIFAR_MINI, name, '0000.jpg'))]
})

/** A model folder (model.json, weights.bin) with the manifest the conversion's facts give. */
async function modelFolder(conversion: TfliteConversion, id: string): Promise<{ dir: string; manifest: ModelManifest }> {
  const dir = join(await tempDir('loupe-tflite-'), id)
  await mkdir(dir)
  await writeFile(join(dir, 'model.json'), JSON.stringify(conversion.modelJson))
  await writeFile(join(dir, WEIGHTS_FILE), conversion.weights)
  const manifest = ModelManifest.parse({
    manifestVersion: 1,
    id,
    name: id,
    format: 'layers',
    input: conversion.input,
    normalisation: conversion.normalisation,
    embedding: { output: null, pooling: 'none' },
    dimension: conversion.dimension,
    weights: [{ path: WEIGHTS_FILE, sha256: createHash('sha256').update(conversion.weights).digest('hex'), bytes: conversion.weights.byteLength }],
    sourceUrl: null,
  })
  return { dir, manifest }
}

async function sharedFolder(id: string): Promise<{ dir: string; manifest: ModelManifest }> {
  const dir = join(SHARED_MODELS, id)
  return { dir, manifest: ModelManifest.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))) }
}

/** L2-normalised embeddings of `batch` (the same normalised pixels for every model compared). */
async function embed(model: { dir: string; manifest: ModelManifest }, batch: Float32Array, backend: BackendName): Promise<Float32Array[]> {
  const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: [backend] })
  try {
    expect(engine.backend.name).toBe(backend)
    return await engine.embed(batch.slice(), images.length)
  } finally {
    await engine.close()
  }
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0
  let aa = 0
  let bb = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!
    aa += a[i]! * a[i]!
    bb += b[i]! * b[i]!
  }
  return dot / Math.sqrt(aa * bb)
}

function minCosine(a: Float32Array[], b: Float32Array[]): number {
  expect(a).toHaveLength(b.length)
  return Math.min(...a.map((vector, i) => cosine(vector, b[i]!)))
}

async function sharedModelJson(id: string): Promise<{ modelTopology: unknown; weightsManifest: WeightsGroup[] }> {
  return JSON.parse(await readFile(join(SHARED_MODELS, id, 'model.json'), 'utf8')) as { modelTopology: unknown; weightsManifest: WeightsGroup[] }
}

/**
 * The reference stored each kernel either as float16 or re-quantized to uint8 (a scale rounded differently); biases as
 * float32. Its float16 values must be exactly ours rounded to float16, the rest within a millionth-scale of the
 * weight's range: what remains between the two conversions is the reference's storage, not the translation.
 */
async function expectReferenceWeights(conversion: TfliteConversion, id: string): Promise<void> {
  const reference = await sharedModelJson(id)
  const ours = decodeWeights(conversion.modelJson.weightsManifest, conversion.weights)
  const theirs = decodeWeights(reference.weightsManifest, await readFile(join(SHARED_MODELS, id, 'weights.bin')))
  expect([...ours.keys()]).toEqual([...theirs.keys()])
  for (const spec of reference.weightsManifest.flatMap((group) => group.weights)) {
    const [mine, weight] = [ours.get(spec.name)!, theirs.get(spec.name)!]
    expect(mine.shape).toEqual(weight.shape)
    const half = spec.quantization?.dtype === 'float16'
    let range = 0
    let worst = 0
    weight.values.forEach((value, i) => {
      range = Math.max(range, Math.abs(value))
      worst = Math.max(worst, Math.abs(value - (half ? toFloat16(mine.values[i]!) : mine.values[i]!)))
    })
    if (half) expect(worst, spec.name).toBe(0)
    else expect(worst / range, spec.name).toBeLessThan(2e-5)
  }
}

/** The nearest IEEE half-precision value (ties to even), as a number. */
function toFloat16(value: number): number {
  if (value === 0) return 0
  const step = 2 ** (Math.max(Math.floor(Math.log2(Math.abs(value))), -14) - 10)
  const steps = value / step
  const nearest = Math.abs(steps % 1) === 0.5 ? 2 * Math.round(steps / 2) : Math.round(steps)
  return nearest * step
}

describe('MobileNet V1 embedding extractor (uint8)', () => {
  let conversion: TfliteConversion
  let milliseconds: number
  let batch: Float32Array
  let tfjs: Float32Array[]

  beforeAll(async () => {
    const bytes = await readFile(V1_FILE)
    const start = performance.now()
    conversion = convertTflite(bytes, { file: V1_FILE })
    milliseconds = performance.now() - start
    batch = await preprocessBatch(images, conversion)
    tfjs = await embed(await modelFolder(conversion, 'tflite-v1'), batch, 'wasm')
  })

  it('converts in well under a second into the layer graph of the reference conversion', async () => {
    console.info(`[tflite] V1 (${(conversion.weights.byteLength / 1e6).toFixed(1)} MB of weights) converted in ${milliseconds.toFixed(0)} ms`)
    expect(milliseconds).toBeLessThan(1000)
    const reference = await sharedModelJson('mobilenet-v1-1.0-224')
    expect(JSON.parse(JSON.stringify(conversion.modelJson.modelTopology))).toEqual(reference.modelTopology)
    expect(conversion).toMatchObject({
      input: { width: 224, height: 224, channels: 3 },
      normalisation: { scale: 1 / 128, offset: -1 },
      dimension: 1024,
      embeddingLayer: 'embedding',
      outputTensor: 'MobilenetV1/Logits/AvgPool_1a/AvgPool',
      featureLayers: [
        { stride: 16, layer: 'conv_23', shape: [14, 14, 512] },
        { stride: 32, layer: 'conv_27', shape: [7, 7, 1024] },
      ],
    })
    // Every kernel keeps its uint8 bytes; biases are float32.
    const specs = conversion.modelJson.weightsManifest[0]!.weights
    expect(specs).toHaveLength(54)
    for (const spec of specs) {
      if (spec.name.endsWith('/bias')) expect(spec.quantization).toBeUndefined()
      else expect(spec.quantization?.dtype).toBe('uint8')
    }
    await expectReferenceWeights(conversion, 'mobilenet-v1-1.0-224')
  })

  it(`gives the reference conversion's embeddings on TensorFlow.js, and on onnxruntime (cosine ≥ ${MIN_COSINE}, real images)`, async () => {
    const reference = await embed(await sharedFolder('mobilenet-v1-1.0-224'), batch, 'wasm')
    const onnx = await embed(await modelFolder(conversion, 'tflite-v1-ort'), batch, 'onnxruntime')
    const [withReference, withOnnx] = [minCosine(tfjs, reference), minCosine(onnx, tfjs)]
    console.info(`[tflite] V1 min cosine over ${images.length} images: vs reference ${withReference.toFixed(6)}, onnxruntime vs TF.js ${withOnnx.toFixed(6)}`)
    expect(tfjs[0]).toHaveLength(1024)
    expect(withReference).toBeGreaterThanOrEqual(MIN_COSINE)
    expect(withOnnx).toBeGreaterThanOrEqual(MIN_COSINE)
  })

  it('converts on to ONNX with its stride-16 and stride-32 feature layers as named outputs', async () => {
    const features = conversion.featureLayers.map((feature) => feature.layer)
    const onnx = convertLayersModel(conversion.modelJson.modelTopology, decodeWeights(conversion.modelJson.weightsManifest, conversion.weights), {
      embedding: { output: null, pooling: 'none' },
      features,
    })
    const ort = await loadOnnxRuntime()
    const session = await createSession(onnx.onnx)
    try {
      const n = 2
      const result = await session.run({ [onnx.input]: new ort.Tensor('float32', batch.slice(0, n * 224 * 224 * 3), [n, 224, 224, 3]) })
      expect(result['feature:conv_23']?.dims).toEqual([n, 14, 14, 512])
      expect(result['feature:conv_27']?.dims).toEqual([n, 7, 7, 1024])
      const embedding = result[onnx.embeddingOutput]!.data as Float32Array
      const map = result['feature:conv_27']!.data as Float32Array
      for (let image = 0; image < n; image++) {
        expect(cosine(embedding.subarray(image * 1024, (image + 1) * 1024), tfjs[image]!)).toBeGreaterThanOrEqual(MIN_COSINE)
        // The embedding is the global average of the stride-32 map.
        for (const channel of [0, 500, 1023]) {
          let sum = 0
          for (let p = 0; p < 49; p++) sum += map[(image * 49 + p) * 1024 + channel]!
          expect(embedding[image * 1024 + channel]).toBeCloseTo(sum / 49, 4)
        }
      }
    } finally {
      await session.release()
    }
  })
})

describe('MobileNet V2 classifier (uint8, 1001-way head)', () => {
  it('is refused whole, naming the softmax and the pooled tensor to choose instead', async () => {
    const error = await convertTfliteFile(V2_FILE).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TfliteConversionError)
    expect((error as Error).message).toMatch(/^mobilenet_v2_1\.0_224_quant\.tflite cannot be converted: operator 65 \(SOFTMAX\) is not supported/)
    expect((error as Error).message).toContain(`choose the output tensor "${V2_POOLED}"`)
    expect((error as TfliteConversionError).details).toEqual({ file: V2_FILE, operator: { index: 65, type: 'SOFTMAX' } })
  })

  it('gives the 1280-d pooled features with the head dropped, stably, as the reference conversion does', async () => {
    const conversion = await convertTfliteFile(V2_FILE, { output: V2_POOLED })
    expect(conversion).toMatchObject({
      dimension: 1280,
      outputTensor: V2_POOLED,
      featureLayers: [
        { stride: 16, layer: 'conv_48', shape: [14, 14, 576] },
        { stride: 32, layer: 'conv_62', shape: [7, 7, 1280] },
      ],
    })
    const layers = conversion.modelJson.modelTopology.config.layers as Array<{ name: string }>
    expect(layers.at(-1)?.name).toBe('embedding')
    expect(conversion.modelJson.weightsManifest[0]!.weights.some((spec) => spec.shape.includes(1001))).toBe(false)
    const reference = await sharedModelJson('mobilenet-v2-1.0-224')
    expect(JSON.parse(JSON.stringify(conversion.modelJson.modelTopology))).toEqual(reference.modelTopology)
    await expectReferenceWeights(conversion, 'mobilenet-v2-1.0-224')
    // The same file converts to the same bytes: a cached conversion stays valid.
    const again = await convertTfliteFile(V2_FILE, { output: V2_POOLED })
    expect(Buffer.from(again.weights).equals(Buffer.from(conversion.weights))).toBe(true)
    expect(JSON.stringify(again.modelJson)).toBe(JSON.stringify(conversion.modelJson))

    const batch = await preprocessBatch(images, conversion)
    const ours = await embed(await modelFolder(conversion, 'tflite-v2'), batch, 'wasm')
    const theirs = await embed(await sharedFolder('mobilenet-v2-1.0-224'), batch, 'wasm')
    const agreement = minCosine(ours, theirs)
    console.info(`[tflite] V2 pooled: min cosine vs reference ${agreement.toFixed(6)} over ${images.length} images`)
    expect(ours[0]).toHaveLength(1280)
    expect(agreement).toBeGreaterThanOrEqual(MIN_COSINE)
  })

  it('can also stop at the logits: the pooled vector is reshaped back to 1×1 for the logits convolution', async () => {
    const conversion = await convertTfliteFile(V2_FILE, { output: 'MobilenetV2/Logits/Squeeze1' })
    const layers = conversion.modelJson.modelTopology.config.layers as Array<{ name: string; class_name: string }>
    expect(layers.slice(-4).map((layer) => `${layer.name}:${layer.class_name}`)).toEqual([
      'pool_63:GlobalAveragePooling2D',
      'conv_64_input:Reshape',
      'conv_64:Conv2D',
      'embedding:Reshape',
    ])
    expect(conversion.dimension).toBe(1001)
    const batch = await preprocessBatch(images, conversion)
    const onnx = await embed(await modelFolder(conversion, 'tflite-v2-logits'), batch, 'onnxruntime')
    const wasm = await embed(await modelFolder(conversion, 'tflite-v2-logits-wasm'), batch, 'wasm')
    expect(onnx[0]).toHaveLength(1001)
    expect(minCosine(onnx, wasm)).toBeGreaterThanOrEqual(MIN_COSINE)
  })
})
