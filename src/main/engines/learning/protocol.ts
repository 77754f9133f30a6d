import type { BackendInfo, BackendName } from '../ml/backend-types'
import type { Network } from './network'
import type { EpochReport, StopReason, TrainConfig, TrainData } from './trainer'

/** The training worker's methods, called through a WorkerClient (src/main/workers) and answered in order. */
export type TrainingMethods = {
  /** Selects a backend (the first of `backends` that works). */
  init: { args: { backends?: readonly BackendName[] }; result: BackendInfo }
  /** Trains a classifier, sending one progress message per epoch as it ends. */
  train: { args: TrainArgs; result: TrainReply; progress: EpochReport }
  /** rows × classes probabilities for x (rows × inputs). */
  predict: { args: { network: Network; x: Float32Array; rows: number }; result: Float32Array }
  layersPredict: { args: LayersPredictArgs; result: Float32Array }
  loadDetector: { args: { modelFile: string; weightFiles: string[] }; result: null }
  /** `pixels` (size × size × 3) is transferred. */
  detect: { args: { pixels: Float32Array; size: number }; result: DetectReply }
  /** Releases the detector, before the worker is ended. */
  dispose: { args: null; result: null }
}

export interface TrainArgs {
  data: TrainData
  config: TrainConfig
  /** Int32Array view: set [0] to 1 to stop after the current batch (the best weights so far are returned). */
  cancel: SharedArrayBuffer
}

export interface LayersPredictArgs {
  /** model.json of a TF.js layers model, with its weight files' bytes in the order its manifest lists them. */
  modelJson: unknown
  weights: ArrayBuffer[]
  x: Float32Array
  rows: number
}

export interface TrainReply {
  network: Network
  bestEpoch: number
  epochs: EpochReport[]
  stoppedBy: StopReason
  valProbabilities: Float32Array
  seconds: number
}

/** The detector's raw rows: n × 6 (x1, y1, x2, y2 in input pixels, score, class index). */
export interface DetectReply {
  rows: Float32Array
  count: number
}
