import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs-core'
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter'
import * as tfl from '@tensorflow/tfjs-layers'
import { ModelError } from './errors'
import type { FeatureExtractor } from './feature-maps'
import type { ModelManifest } from './manifest'
import { atManifestInput } from './input-size'
import { checkModelJsonAgainstManifest, hashMismatch, readModelJson, sha256Bytes, weightFilesOf, type ModelJson } from './model-files'
import { layersModelFeatures } from './tfjs-features'
import { ownFloat32 } from './vectors'

/**
 * Loading a verified model folder into TensorFlow.js, inside the inference worker. The weight bytes are hashed as they
 * are read, so what runs is exactly what the manifest describes, whoever called the worker.
 */

export interface Embedder {
  /** The manifest's input size. */
  readonly height: number
  readonly width: number
  readonly dimension: number
  /** `batch`: n×H×W×3, already normalised. Returns n×dimension, each row L2-normalised. All tensors are released. */
  embed(batch: Float32Array, n: number): Promise<Float32Array>
  /** Named layers' feature maps from the same loaded model; absent where a path cannot give them (graph models). */
  readonly featureMaps?: FeatureExtractor
  dispose(): void
}

export async function loadEmbedder(modelDir: string, manifest: ModelManifest): Promise<Embedder> {
  const modelJson = atManifestInput(await readModelJson(modelDir, manifest.modelFile, manifest.id), manifest)
  checkModelJsonAgainstManifest(modelJson, manifest, modelDir)
  const weightData = (await readVerifiedWeights(modelDir, manifest, modelJson)).map(ownArrayBuffer)

  const { weightsManifest, ...rest } = modelJson
  const artifacts = {
    ...(rest as Omit<tf.io.ModelArtifacts, 'weightSpecs' | 'weightData'>),
    weightSpecs: weightsManifest.flatMap((group) => group.weights) as tf.io.WeightsManifestEntry[],
    weightData,
  }

  const { width, height } = manifest.input
  const pooling = manifest.embedding.pooling
  /** The embedding from the model's (or embedding layer's) output: pooled or flattened, rows L2-normalised. */
  const embeddingOf = (features: tf.Tensor, n: number): tf.Tensor2D => {
    let vectors: tf.Tensor2D
    if (pooling === 'avg') {
      if (features.rank !== 4) {
        throw new ModelError('incompatible-model', `"${manifest.name}" gives a ${features.rank}-d output; average pooling needs a 4-d feature map.`, {
          modelId: manifest.id,
        })
      }
      vectors = tf.mean(features, [1, 2]) as tf.Tensor2D
    } else {
      vectors = tf.reshape(features, [n, -1])
    }
    const norms = tf.sqrt(tf.sum(tf.square(vectors), 1, true))
    return tf.div(vectors, tf.maximum(norms, 1e-12))
  }

  let run: (input: tf.Tensor4D) => tf.Tensor
  let release: () => void
  let featureMaps: FeatureExtractor | undefined
  try {
    if (manifest.format === 'layers') {
      const model = await tfl.loadLayersModel(tf.io.fromMemory(artifacts))
      const net = manifest.embedding.output ? tapLayer(model, manifest.embedding.output, manifest) : model
      run = (input) => firstTensor(net.predict(input))
      release = () => model.dispose()
      featureMaps = layersModelFeatures(model, net, manifest, embeddingOf)
    } else {
      const model: GraphModel = await loadGraphModel(tf.io.fromMemory(artifacts))
      const output = manifest.embedding.output ?? undefined
      run = (input) => firstTensor(model.execute(input, output))
      release = () => model.dispose()
    }
  } catch (error) {
    if (error instanceof ModelError) throw error
    throw new ModelError(
      'unparsable-model',
      `TensorFlow.js could not build "${manifest.name}" from ${join(modelDir, manifest.modelFile)}: ${(error as Error).message}`,
      { modelId: manifest.id },
    )
  }

  const embedTensor = (batch: Float32Array, n: number): tf.Tensor2D =>
    tf.tidy(() => embeddingOf(run(tf.tensor4d(batch, [n, height, width, 3], 'float32')), n))

  const embedder: Embedder = {
    height,
    width,
    dimension: manifest.dimension,
    async embed(batch, n) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`batch size must be a positive integer, got ${n}`)
      if (batch.length !== n * height * width * 3) {
        throw new RangeError(`a batch of ${n} needs ${n}×${height}×${width}×3 = ${n * height * width * 3} values, got ${batch.length}`)
      }
      const vectors = embedTensor(batch, n)
      try {
        if (vectors.shape[1] !== manifest.dimension) {
          throw new ModelError(
            'incompatible-model',
            `"${manifest.name}" gives ${vectors.shape[1]}-d embeddings, but its manifest says ${manifest.dimension}.`,
            { modelId: manifest.id },
          )
        }
        return ownFloat32(await vectors.data<'float32'>())
      } finally {
        vectors.dispose()
      }
    },
    ...(featureMaps ? { featureMaps } : {}),
    dispose: release,
  }

  // One zero image: compiles the kernels now rather than on the first real batch, and checks the output size.
  try {
    await embedder.embed(new Float32Array(height * width * 3), 1)
  } catch (error) {
    release()
    if (error instanceof ModelError) throw error
    throw new ModelError(
      'incompatible-model',
      `"${manifest.name}" does not run on a ${width}×${height}×3 input as its manifest says: ${(error as Error).message}`,
      { modelId: manifest.id },
    )
  }
  return embedder
}

/** The weight files model.json names, in its order, each checked against the manifest's SHA-256 as it is read. */
export async function readVerifiedWeights(modelDir: string, manifest: ModelManifest, modelJson: ModelJson): Promise<Buffer[]> {
  const expected = new Map(manifest.weights.map((weight) => [weight.path, weight.sha256]))
  const files: Buffer[] = []
  for (const file of weightFilesOf(modelJson)) {
    const path = join(modelDir, file)
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch {
      throw new ModelError('missing-weights', `The weight file ${file} of "${manifest.name}" is missing from ${modelDir}.`, {
        modelId: manifest.id,
        file: path,
      })
    }
    const actual = sha256Bytes(bytes)
    const wanted = expected.get(file) ?? ''
    if (actual !== wanted) throw hashMismatch(manifest, path, actual, wanted)
    files.push(bytes)
  }
  return files
}

/** A model from the image input to a named layer, which may sit inside a nested model (e.g. a trunk in a Sequential). */
function tapLayer(model: tfl.LayersModel, name: string, manifest: ModelManifest): tfl.LayersModel {
  const found = findLayer(model, name)
  if (!found) {
    throw new ModelError('invalid-manifest', `"${manifest.name}" has no layer named "${name}" (manifest embedding.output).`, {
      modelId: manifest.id,
    })
  }
  const output = found.layer.output
  if (Array.isArray(output)) {
    throw new ModelError('invalid-manifest', `Layer "${name}" of "${manifest.name}" has several outputs; name a layer with one.`, {
      modelId: manifest.id,
    })
  }
  return tfl.model({ inputs: found.owner.inputs, outputs: output })
}

function findLayer(model: tfl.LayersModel, name: string): { owner: tfl.LayersModel; layer: tfl.layers.Layer } | null {
  for (const layer of model.layers) {
    if (layer.name === name) return { owner: model, layer }
    if (layer instanceof tfl.LayersModel) {
      const found = findLayer(layer, name)
      if (found) return found
    }
  }
  return null
}

function firstTensor(output: tf.Tensor | tf.Tensor[] | tf.NamedTensorMap): tf.Tensor {
  if (output instanceof tf.Tensor) return output
  const first = Array.isArray(output) ? output[0] : Object.values(output)[0]
  if (!first) throw new Error('the model returned no output')
  return first
}

/** An ArrayBuffer holding exactly these bytes (small Node Buffers are views into a shared pool). */
function ownArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer
  return bytes.slice().buffer
}
