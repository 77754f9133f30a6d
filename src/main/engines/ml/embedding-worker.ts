import * as tf from '@tensorflow/tfjs-core'
import { serveRequests, Transferring } from '../../platform/workers'
import { selectBackendForModel } from './backend-for-model'
import type { Embedder } from './model-loader'
import type { EmbeddingMethods } from './protocol'

/**
 * The inference worker (worker_threads): the only place TensorFlow.js or onnxruntime runs inference. Requests are
 * handled one at a time, in order. Built as its own entry by electron-vite (out/main/embedding-worker.js); under
 * tsx/vitest it is started through the workers' bootstrap (src/main/workers/entry.ts).
 */

let embedder: Embedder | null = null

serveRequests<EmbeddingMethods>({
  async init({ model, backends, wasmThreads }) {
    const backend = await selectBackendForModel(model?.manifest ?? null, {
      ...(backends ? { preference: backends } : {}),
      ...(wasmThreads ? { wasmThreads } : {}),
    })
    // The runtime's packages come with the model: a probe for the backend (`loupe stats`) needs none of them.
    if (!model) embedder = null
    else if (backend.name === 'onnxruntime') {
      const { loadOnnxEmbedder } = await import('./onnx-embedder')
      embedder = await loadOnnxEmbedder(model.dir, model.manifest, backend.threads ? { threads: backend.threads } : {})
    } else embedder = await (await import('./model-loader')).loadEmbedder(model.dir, model.manifest)
    return { backend, dimension: embedder?.dimension ?? null, featureLayers: embedder?.featureMaps?.defaults ?? null }
  },
  async embed({ batch, n }) {
    if (!embedder) throw new Error('no model is loaded in the inference worker')
    const vectors = await embedder.embed(batch, n)
    return new Transferring(vectors, [vectors.buffer as ArrayBuffer])
  },
  async features({ batch, n, layers, embedding }) {
    if (!embedder) throw new Error('no model is loaded in the inference worker')
    if (!embedder.featureMaps) throw new Error('this model gives no feature maps on this backend (graph models do not)')
    const result = await embedder.featureMaps.extract(batch, n, layers, embedding)
    // A backend may hand out one buffer for two outputs that alias; a buffer can be listed for transfer only once.
    const buffers = new Set([...result.maps.map((map) => map.data.buffer), ...(result.embedding ? [result.embedding.buffer] : [])])
    return new Transferring(result, [...buffers] as ArrayBuffer[])
  },
  async memory() {
    const { numTensors, numDataBuffers, numBytes } = tf.memory()
    return { numTensors, numDataBuffers, numBytes }
  },
  async dispose() {
    embedder?.dispose()
    embedder = null
    return null
  },
})
