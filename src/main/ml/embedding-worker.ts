import { parentPort } from 'node:worker_threads'
import * as tf from '@tensorflow/tfjs-core'
import { selectBackend } from './backend'
import { serializeError } from './errors'
import { loadEmbedder, type Embedder } from './model-loader'
import type { EmbedResult, InitResult, WorkerMemory, WorkerReply, WorkerRequest } from './protocol'

/**
 * The inference worker (worker_threads): the only place TensorFlow.js runs. Requests are handled one at a time, in
 * order. Built as its own entry by electron-vite (out/main/embedding-worker.js); under tsx/vitest it is started through
 * worker-bootstrap.js.
 */

const port = parentPort
if (!port) throw new Error('embedding-worker must run in a worker thread')

let embedder: Embedder | null = null
let queue: Promise<void> = Promise.resolve()

type ReplyValue = InitResult | EmbedResult | WorkerMemory | null

async function handle(request: WorkerRequest): Promise<{ value: ReplyValue; transfer: ArrayBuffer[] }> {
  switch (request.type) {
    case 'init': {
      const backend = await selectBackend({
        ...(request.backends ? { preference: request.backends } : {}),
        ...(request.wasmThreads ? { wasmThreads: request.wasmThreads } : {}),
      })
      embedder = request.model ? await loadEmbedder(request.model.dir, request.model.manifest) : null
      const value: InitResult = { backend, dimension: embedder?.dimension ?? null }
      return { value, transfer: [] }
    }
    case 'embed': {
      if (!embedder) throw new Error('no model is loaded in the inference worker')
      const vectors = await embedder.embed(request.batch, request.n)
      const value: EmbedResult = { vectors }
      return { value, transfer: [vectors.buffer as ArrayBuffer] }
    }
    case 'memory': {
      const { numTensors, numDataBuffers, numBytes } = tf.memory()
      const value: WorkerMemory = { numTensors, numDataBuffers, numBytes }
      return { value, transfer: [] }
    }
    case 'close': {
      embedder?.dispose()
      embedder = null
      return { value: null, transfer: [] }
    }
  }
}

port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply
    let transfer: ArrayBuffer[] = []
    try {
      const result = await handle(request)
      reply = { id: request.id, ok: true, value: result.value }
      transfer = result.transfer
    } catch (error) {
      reply = { id: request.id, ok: false, error: serializeError(error) }
    }
    port.postMessage(reply, transfer)
  })
})
