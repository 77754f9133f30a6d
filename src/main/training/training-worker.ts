import { readFile } from 'node:fs/promises'
import { parentPort } from 'node:worker_threads'
import * as tf from '@tensorflow/tfjs-core'
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter'
import * as tfl from '@tensorflow/tfjs-layers'
import { selectBackend } from '../ml/backend'
import { serializeError } from '../ml/errors'
import type { DetectReply, TrainingWorkerMessage, TrainingWorkerRequest, TrainReply } from './protocol'
import { tfProducts } from './tf-products'
import { predictProbabilities, train } from './trainer'

/**
 * The training worker (worker_threads): classifier training and inference, reading a TF.js layers model back for
 * checking, and the object detector. TensorFlow.js runs here, never on the main thread. Requests are handled one at a
 * time, in order; a training run posts one message per epoch before its reply. Built as its own entry by
 * electron-vite (out/main/training-worker.js); under tsx/vitest it is started through ../ml/worker-bootstrap.js.
 */

const port = parentPort
if (!port) throw new Error('training-worker must run in a worker thread')

let detector: GraphModel | null = null
let queue: Promise<void> = Promise.resolve()

async function handle(request: TrainingWorkerRequest): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  switch (request.type) {
    case 'init':
      return { value: await selectBackend(request.backends ? { preference: request.backends } : {}), transfer: [] }
    case 'train': {
      const flag = new Int32Array(request.cancel)
      const outcome = train(request.data, request.config, tfProducts, {
        onEpoch: (epoch) => post({ id: request.id, epoch }, []),
        cancelled: () => Atomics.load(flag, 0) !== 0,
      })
      const value: TrainReply = outcome
      return { value, transfer: [outcome.valProbabilities.buffer as ArrayBuffer] }
    }
    case 'predict': {
      const probabilities = predictProbabilities(request.network, request.x, request.rows, tfProducts)
      return { value: probabilities, transfer: [probabilities.buffer as ArrayBuffer] }
    }
    case 'layersPredict': {
      const { weightsManifest, ...rest } = request.modelJson as { weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] }
      const model = await tfl.loadLayersModel(
        tf.io.fromMemory({
          ...(rest as Omit<tf.io.ModelArtifacts, 'weightSpecs' | 'weightData'>),
          weightSpecs: weightsManifest.flatMap((group) => group.weights),
          weightData: concat(request.weights),
        }),
      )
      try {
        const output = tf.tidy(() => model.predict(tf.tensor2d(request.x, [request.rows, request.x.length / request.rows])) as tf.Tensor)
        const probabilities = (await output.data()) as Float32Array
        output.dispose()
        return { value: probabilities, transfer: [] }
      } finally {
        model.dispose()
      }
    }
    case 'loadDetector': {
      detector?.dispose()
      detector = null
      const modelJson = JSON.parse(await readFile(request.modelFile, 'utf8')) as {
        modelTopology: unknown
        weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[]
        format?: string
        generatedBy?: string
        convertedBy?: string
        signature?: unknown
      }
      const weights = await Promise.all(request.weightFiles.map((file) => readFile(file)))
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
      return { value: null, transfer: [] }
    }
    case 'detect': {
      const model = detector
      if (!model) throw new Error('no detector is loaded in the training worker')
      const output = tf.tidy(() => {
        const input = tf.tensor4d(request.pixels, [1, request.size, request.size, 3], 'float32')
        const result = model.execute(input, 'tower_0/detections')
        return Array.isArray(result) ? result[0]! : result
      })
      try {
        const rows = (await output.data()) as Float32Array
        const value: DetectReply = { rows: rows.slice(), count: rows.length / 6 }
        return { value, transfer: [value.rows.buffer as ArrayBuffer] }
      } finally {
        output.dispose()
      }
    }
    case 'close':
      detector?.dispose()
      detector = null
      return { value: null, transfer: [] }
  }
}

function post(message: TrainingWorkerMessage, transfer: ArrayBuffer[]): void {
  port!.postMessage(message, transfer)
}

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

port.on('message', (request: TrainingWorkerRequest) => {
  queue = queue.then(async () => {
    try {
      const { value, transfer } = await handle(request)
      post({ id: request.id, ok: true, value }, transfer)
    } catch (error) {
      post({ id: request.id, ok: false, error: serializeError(error) }, [])
    }
  })
})
