import type { BackendInfo, BackendName } from './backend-types'
import type { SerializedError } from './errors'
import type { ModelManifest } from './manifest'

/** Messages between EmbeddingEngine (main side) and the inference worker. Every request gets one reply with its id. */

export interface InitRequest {
  type: 'init'
  id: number
  /** null: only select a backend (probeBackend). */
  model: { dir: string; manifest: ModelManifest } | null
  backends?: readonly BackendName[]
  wasmThreads?: number
}

export interface EmbedRequest {
  type: 'embed'
  id: number
  /** n×H×W×3, normalised; its buffer is transferred. */
  batch: Float32Array
  n: number
}

export interface MemoryRequest {
  type: 'memory'
  id: number
}

export interface CloseRequest {
  type: 'close'
  id: number
}

export type WorkerRequest = InitRequest | EmbedRequest | MemoryRequest | CloseRequest

export interface InitResult {
  backend: BackendInfo
  /** null when no model was loaded. */
  dimension: number | null
}

export interface EmbedResult {
  /** n×dimension, rows L2-normalised; its buffer is transferred back. */
  vectors: Float32Array
}

/** tf.memory() inside the worker. */
export interface WorkerMemory {
  numTensors: number
  numDataBuffers: number
  numBytes: number
}

export type WorkerReply =
  | { id: number; ok: true; value: InitResult | EmbedResult | WorkerMemory | null }
  | { id: number; ok: false; error: SerializedError }
