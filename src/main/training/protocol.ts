import type { BackendInfo, BackendName } from '../ml/backend-types'
import type { SerializedError } from '../ml/errors'
import type { Network } from './network'
import type { EpochReport, StopReason, TrainConfig, TrainData } from './trainer'

/** Messages between TrainingWorker (main side) and training-worker.ts. Every request gets one reply with its id. */

export type TrainingWorkerRequest =
  | { type: 'init'; id: number; backends?: readonly BackendName[] }
  | {
      type: 'train'
      id: number
      data: TrainData
      config: TrainConfig
      /** Int32Array view: set [0] to 1 to stop after the current batch (the best weights so far are returned). */
      cancel: SharedArrayBuffer
    }
  | { type: 'predict'; id: number; network: Network; x: Float32Array; rows: number }
  | {
      type: 'layersPredict'
      id: number
      /** model.json of a TF.js layers model, with its weight files' bytes in the order its manifest lists them. */
      modelJson: unknown
      weights: ArrayBuffer[]
      x: Float32Array
      rows: number
    }
  | { type: 'loadDetector'; id: number; modelFile: string; weightFiles: string[] }
  | { type: 'detect'; id: number; pixels: Float32Array; size: number }
  | { type: 'close'; id: number }

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

export type TrainingWorkerMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError }
  | { id: number; epoch: EpochReport }

export type { BackendInfo }
