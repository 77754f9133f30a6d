import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  CONVERTER_VERSION,
  ConversionError,
  convertLayersModel,
  createSession,
  decodeWeights,
  loadOnnxRuntime,
  type WeightsGroup,
} from '../onnx'
import { ModelError } from './errors'
import { DEFAULT_FEATURES_RULE } from './feature-maps'
import { provenOnBlankImage } from './blank-image-check'
import type { ModelManifest } from './manifest'
import { atManifestInput } from './input-size'
import { checkModelJsonAgainstManifest, readModelJson, sha256Bytes, type ModelJson } from './model-files'
import { readVerifiedWeights, type Embedder } from './model-loader'
import { loadPrebuiltOnnxEmbedder } from './onnx-prebuilt'
import { defaultFeatureOutputs, onnxFeatures, type FeatureChoice } from './onnx-features'
import { normaliseRows } from './vectors'

/**
 * The onnxruntime path of the inference worker: the verified TensorFlow.js layers model is converted to ONNX (engines/
 * onnx) and run on onnxruntime's CPU provider. The conversion is cached as `model.onnx` in the model's folder, with
 * `model.onnx.key` naming what it was built from (converter version, model.json, weight hashes, embedding spec, feature
 * outputs); a different key rebuilds it. A read-only folder (e.g. a shared copy) is not an error: the graph is then kept
 * in memory. An ONNX model (format 'onnx') needs no conversion: it runs as it is (onnx-prebuilt.ts).
 */

export const ONNX_FILE = 'model.onnx'
const KEY_FILE = 'model.onnx.key'

export async function loadOnnxEmbedder(modelDir: string, manifest: ModelManifest, options: { threads?: number } = {}): Promise<Embedder> {
  if (manifest.format === 'onnx') return loadPrebuiltOnnxEmbedder(modelDir, manifest, options)
  if (manifest.format !== 'layers') {
    throw new ModelError('incompatible-model', `"${manifest.name}" is a ${manifest.format} model; onnxruntime runs layers and ONNX models only.`, { modelId: manifest.id })
  }
  const declared = await readModelJson(modelDir, manifest.modelFile, manifest.id)
  checkModelJsonAgainstManifest(declared, manifest, modelDir)
  const modelJson = atManifestInput(declared, manifest)
  // A model run at another size than its own (see input-size.ts) keeps a conversion of its own beside the usual one.
  const cache = modelJson === declared ? { onnx: ONNX_FILE, key: KEY_FILE } : sizedCacheFiles(manifest.input)
  const key = sha256Bytes(
    new TextEncoder().encode(
      JSON.stringify({
        converter: CONVERTER_VERSION,
        topology: modelJson.modelTopology,
        weightsManifest: modelJson.weightsManifest,
        weights: manifest.weights.map((weight) => [weight.path, weight.sha256]),
        embedding: manifest.embedding,
        // The graph carries the stride-8/16/32 feature maps as outputs (see onnx-features.ts).
        features: { declared: manifest.features ?? null, rule: DEFAULT_FEATURES_RULE },
      }),
    ),
  )
  const onnx = (await readCached(modelDir, cache, key)) ?? (await convertAndCache(modelDir, cache, manifest, key, modelJson))

  const ort = await loadOnnxRuntime()
  const session = await createSession(onnx, options.threads ? { threads: options.threads } : {}).catch((error: unknown) => {
    throw new ModelError('incompatible-model', `onnxruntime could not load the converted "${manifest.name}": ${(error as Error).message}`, {
      modelId: manifest.id,
    })
  })
  const { width, height } = manifest.input
  const dimension = manifest.dimension
  let released = false
  const featureMaps = onnxFeatures({
    ort,
    session,
    manifest,
    reconvert: (choose) => convertModel(modelDir, manifest, modelJson, choose),
    ...(options.threads ? { threads: options.threads } : {}),
  })

  const embedder: Embedder = {
    height,
    width,
    dimension,
    async embed(batch, n) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`batch size must be a positive integer, got ${n}`)
      if (batch.length !== n * height * width * 3) {
        throw new RangeError(`a batch of ${n} needs ${n}×${height}×${width}×3 = ${n * height * width * 3} values, got ${batch.length}`)
      }
      const input = new ort.Tensor('float32', batch, [n, height, width, 3])
      const result = await session.run({ image: input }, ['embedding'])
      const output = result.embedding
      if (!output) throw new Error('onnxruntime returned no embedding')
      try {
        const values = output.data as Float32Array
        if (values.length !== n * dimension) {
          throw new ModelError('incompatible-model', `"${manifest.name}" gives ${values.length / n}-d embeddings, but its manifest says ${dimension}.`, {
            modelId: manifest.id,
          })
        }
        return normaliseRows(values, n, dimension)
      } finally {
        output.dispose()
      }
    },
    featureMaps,
    dispose() {
      if (released) return
      released = true
      featureMaps.release()
      void session.release()
    },
  }

  return provenOnBlankImage(embedder, manifest)
}

interface CacheFiles {
  onnx: string
  key: string
}

function sizedCacheFiles(input: { width: number; height: number }): CacheFiles {
  const onnx = `model.${input.width}x${input.height}.onnx`
  return { onnx, key: `${onnx}.key` }
}

async function readCached(modelDir: string, cache: CacheFiles, key: string): Promise<Uint8Array | null> {
  try {
    if ((await readFile(join(modelDir, cache.key), 'utf8')).trim() !== key) return null
    return await readFile(join(modelDir, cache.onnx))
  } catch {
    return null
  }
}

async function convertAndCache(modelDir: string, cache: CacheFiles, manifest: ModelManifest, key: string, modelJson: ModelJson): Promise<Uint8Array> {
  const onnx = await convertModel(modelDir, manifest, modelJson, defaultFeatureOutputs(manifest))
  try {
    // Written under temporary names, then renamed: a half-written cache is never read as a whole one.
    const temp = `.${process.pid}.${Date.now()}.tmp`
    await writeFile(join(modelDir, cache.onnx + temp), onnx)
    await rename(join(modelDir, cache.onnx + temp), join(modelDir, cache.onnx))
    await writeFile(join(modelDir, cache.key + temp), key)
    await rename(join(modelDir, cache.key + temp), join(modelDir, cache.key))
  } catch {
    // Read-only model folder: run from memory.
  }
  return onnx
}

async function convertModel(modelDir: string, manifest: ModelManifest, modelJson: ModelJson, features: FeatureChoice): Promise<Uint8Array> {
  const files = await readVerifiedWeights(modelDir, manifest, modelJson)
  try {
    const weights = decodeWeights(modelJson.weightsManifest as unknown as WeightsGroup[], Buffer.concat(files))
    const converted = convertLayersModel(modelJson.modelTopology, weights, { embedding: manifest.embedding, features })
    if (converted.dimension !== manifest.dimension) {
      throw new ModelError('incompatible-model', `"${manifest.name}" gives ${converted.dimension}-d embeddings, but its manifest says ${manifest.dimension}.`, {
        modelId: manifest.id,
      })
    }
    return converted.onnx
  } catch (error) {
    if (error instanceof ConversionError) {
      throw new ModelError('incompatible-model', `"${manifest.name}" cannot run on onnxruntime: ${error.message}.`, { modelId: manifest.id })
    }
    throw error
  }
}
