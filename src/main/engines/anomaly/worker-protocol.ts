import type { FeatureMap } from '../ml'
import type { BatchCoreset, BatchSettings, PictureScore } from './batch-work'
import type { BankSearch } from './memory-bank'

/** The anomaly worker's methods (anomaly-worker.ts), called through AnomalyWorker (worker-client.ts), answered in order. */
export type AnomalyWorkerMethods = {
  /**
   * Begins fit `fit`: the seeded order of its `count` good pictures (the held-out ones first). The same generator then
   * draws each batch's projection and first coreset patch, so a seed fits the same model.
   */
  beginFit: { args: { fit: number; seed: number; count: number }; result: Int32Array }
  /** A batch of good pictures' two feature maps (their buffers transferred in) → the patches the bank keeps of it. */
  fitBatch: { args: { fit: number; maps: FeatureMap[]; images: number; bankedImages: number; settings: BatchSettings }; result: BatchCoreset }
  /** Forgets fit `fit` (also after a failed or cancelled fit). */
  endFit: { args: { fit: number }; result: null }
  /**
   * Keeps bank `bank` for the scoreBatch calls that follow, beside the banks in `keep` (any other is let go first),
   * building its HNSW graph if it is searched through one; answers the search in use.
   */
  loadBank: { args: { bank: number; rows: Float32Array; dimension: number; search: BankSearch; keep: number[] }; result: 'exact' | 'hnsw' }
  /**
   * A batch of pictures scored against a model's banks, which must be loaded: per member, its bank, its two feature
   * maps of the batch (transferred in) and its unit; with each picture's anomaly map when `withMaps`.
   */
  scoreBatch: {
    args: {
      members: Array<{ bank: number; maps: FeatureMap[]; spread: number }>
      pictures: Array<{ width: number; height: number }>
      input: { width: number; height: number }
      threshold: number
      settings: BatchSettings
      withMaps: boolean
    }
    result: PictureScore[]
  }
}
