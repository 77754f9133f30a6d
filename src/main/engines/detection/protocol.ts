import type { BackendInfo, BackendName } from '../ml/backend-types'
import type { DetectedBox } from './boxes'
import type { DetectionInputShape, DetectionMaps } from './features'
import type { DetectionHead } from './head'
import type { DetectorEpochReport, DetectorSample, DetectorTrainConfig, DetectorTrainOutcome } from './train'

/** The detection worker's methods, called through a WorkerClient (platform/workers) and answered in order. */
export type DetectionMethods = {
  /** Selects a backend (the first of `backends` that works). */
  init: { args: { backends?: readonly BackendName[] }; result: BackendInfo }
  /** Trains a head, sending one progress message per epoch as it ends. */
  train: { args: DetectorTrainArgs; result: DetectorTrainOutcome; progress: DetectorEpochReport }
  /** Each picture's boxes at or above `threshold`, best first. */
  detect: { args: { head: DetectionHead; maps: DetectionMaps[]; threshold: number }; result: DetectedBox[][] }
}

export interface DetectorTrainArgs {
  shape: DetectionInputShape
  classes: number
  train: DetectorSample[]
  validation: DetectorSample[]
  config: DetectorTrainConfig
  /** Int32Array view: set [0] to 1 to stop after the current batch (the best weights so far are returned). */
  cancel: SharedArrayBuffer
}
