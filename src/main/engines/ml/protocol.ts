import type { BackendInfo, BackendName } from './backend-types'
import type { FeatureLayers, FeatureResult } from './feature-maps'
import type { ModelManifest } from './manifest'

/** The inference worker's methods, called through a WorkerClient (src/main/workers) and answered in order. */
export type EmbeddingMethods = {
  /** Selects a backend and loads the model; with `model` null it only selects a backend (probeBackend). */
  init: { args: InitArgs; result: InitResult }
  /** n×H×W×3 normalised images (their buffer is transferred) → n×dimension, rows L2-normalised (transferred back). */
  embed: { args: { batch: Float32Array; n: number }; result: Float32Array }
  /**
   * The same images' feature maps at the named layers (one forward pass), and their embedding if `embedding`; the
   * batch's buffer is transferred in, every map's (and the embedding's) back.
   */
  features: { args: { batch: Float32Array; n: number; layers: string[]; embedding: boolean }; result: FeatureResult }
  /** tf.memory() inside the worker. */
  memory: { args: null; result: WorkerMemory }
  /** Releases the model, before the worker is ended. */
  dispose: { args: null; result: null }
}

export interface InitArgs {
  model: { dir: string; manifest: ModelManifest } | null
  backends?: readonly BackendName[]
  wasmThreads?: number
}

export interface InitResult {
  backend: BackendInfo
  /** null when no model was loaded. */
  dimension: number | null
  /** The model's stride-8/16/32 feature layers; null when no model was loaded or its path gives no feature maps. */
  featureLayers: FeatureLayers | null
}

/** tf.memory() inside the worker. */
export interface WorkerMemory {
  numTensors: number
  numDataBuffers: number
  numBytes: number
}
