import { readFile } from 'node:fs/promises'
import * as tf from '@tensorflow/tfjs-core'
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter'
import * as tfl from '@tensorflow/tfjs-layers'
import { selectBackend } from '../ml/backend'
import { serveRequests, Transferring } from '../../platform/workers/serve'
import type { DetectReply, TrainingMethods } from './protocol'
import { tfProducts } from './tf-products'
import { predictProbabilities, train } from './trainer'

/**
 * The training worker (worker_threads): classifier training and inference, reading a TF.js layers model back for
 * checking, and the object detector. TensorFlow.js runs here, never on the main thread. Requests are answered one at a
 * time, in order (serveRequests); a training run sends one progress message per epoch before its reply. Built as its
 * own entry by electron-vite (out/main/training-worker.js); under tsx/vitest it is started through
 * workers/worker-bootstrap.js.
 */

let detector: GraphModel | null = null

serveRequests<TrainingMethods>({
  init: async ({ backends }) => selectBackend(backends ? { preference: backends } : {}),
  train: async ({ data, config, cancel }, progress) => {
    const flag = new Int32Array(cancel)
    const outcome = train(data, config, tfProducts, { onEpoch: progress, cancelled: () => Atomics.load(flag, 0) !== 0 })
    return new Transferring(outcome, [outcome.valProbabilities.buffer as ArrayBuffer])
  },
  predict: async ({ network, x, rows }) => {
    const probabilities = predictProbabilities(network, x, rows, tfProducts)
    return new Transferring(probabilities, [probabilities.buffer as ArrayBuffer])
  },
  layersPredict: async ({ modelJson, weights, x, rows }) => {
    const { weightsManifest, ...rest } = modelJson as { weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] }
    const model = await tfl.loadLayersModel(
      tf.io.fromMemory({
        ...(rest as Omit<tf.io.ModelArtifacts, 'weightSpecs' | 'weightData'>),
        weightSpecs: weightsManifest.flatMap((group) => group.weights),
        weightData: concat(weights),
      }),
    )
    try {
      const output = tf.tidy(() => model.predict(tf.tensor2d(x, [rows, x.length / rows])) as tf.Tensor)
      const probabilities = (await output.data()) as Float32Array
      output.dispose()
      return probabilities
    } finally {
      model.dispose()
    }
  },
  loadDetector: async ({ modelFile, weightFiles }) => {
    detector?.dispose()
    detector = null
    const modelJson = JSON.parse(await readFile(modelFile, 'utf8')) as {
      modelTopology: unknown
      weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[]
      format?: string
      generatedBy?: string
      convertedBy?: string
      signature?: unknown
    }
    const weights = await Promise.all(weightFiles.map((file) => readFile(file)))
    detector = await loadGraphModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
        weightData: concat(weights.map((bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)),
        ...(modelJson.format ? { format: modelJson.format } : {}),
        ...(modelJson.generatedBy ? { generatedBy: modelJson.generatedBy } : {}),
        ...(modelJson.convertedBy ? { convertedBy: modelJson.convertedBy } : {}),
        ...(modelJson.signature ? { signature: modelJson.signature as object } : {}),
      }),
    )
    return null
  },
  detect: async ({ pixels, size }) => {
    const model = detector
    if (!model) throw new Error('no detector is loaded in the training worker')
    const output = tf.tidy(() => {
      const input = tf.tensor4d(pixels, [1, size, size, 3], 'float32')
      const result = model.execute(input, 'tower_0/detections')
      return Array.isArray(result) ? result[0]! : result
    })
    try {
      const rows = (await output.data()) as Float32Array
      const value: DetectReply = { rows: rows.slice(), count: rows.length / 6 }
      return new Transferring(value, [value.rows.buffer as ArrayBuffer])
    } finally {
      output.dispose()
    }
  },
  dispose: async () => {
    detector?.dispose()
    detector = null
    return null
  },
})

function concat(parts: ArrayBuffer[]): ArrayBuffer {
  if (parts.length === 1) return parts[0]!
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0)
  const out = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(new Uint8Array(part), offset)
    offset += part.byteLength
  }
  return out.buffer
}
