import type { BackendInfo, BackendName } from '../ml/backend-types'
import { startBackendWorker, withCancelFlag } from '../ml/backend-worker'
import type { WorkerClient } from '../../platform/workers'
import type { DetectedBox } from './boxes'
import type { DetectionInputShape, DetectionMaps } from './features'
import type { DetectionHead } from './head'
import type { DetectionMethods } from './protocol'
import type { DetectorEpochReport, DetectorSample, DetectorTrainConfig, DetectorTrainOutcome } from './train'

/**
 * The services' handle on a detection worker. `start` spawns it and selects a backend (the LOUPE_BACKEND order);
 * calls are answered in order. The pictures' maps are transferred, not copied: after a call, the caller's maps are
 * empty.
 */
export class DetectionWorker {
  private closing: Promise<void> | null = null

  private constructor(
    private readonly client: WorkerClient<DetectionMethods>,
    readonly backend: BackendInfo,
  ) {}

  static async start(options: { backends?: readonly BackendName[] } = {}): Promise<DetectionWorker> {
    const { client, backend } = await startBackendWorker<DetectionMethods>({
      from: import.meta.url,
      source: './detection-worker.ts',
      built: 'detection-worker.js',
      kind: 'detection',
      backends: options.backends,
    })
    return new DetectionWorker(client, backend)
  }

  /**
   * Trains a head; `onEpoch` hears each epoch as it ends. Aborting `signal` stops after the current batch and still
   * resolves, with the best weights so far (stoppedBy 'cancelled').
   */
  train(
    input: { shape: DetectionInputShape; classes: number; train: DetectorSample[]; validation: DetectorSample[]; config: DetectorTrainConfig },
    onEpoch: (epoch: DetectorEpochReport) => void,
    signal?: AbortSignal,
  ): Promise<DetectorTrainOutcome> {
    return withCancelFlag(signal, (cancel) => {
      const transfer = [...input.train, ...input.validation].flatMap((sample) => buffersOf(sample.maps))
      return this.client.call('train', { ...input, cancel }, unique(transfer), onEpoch)
    })
  }

  /** Each picture's boxes (normalised, best first, after suppression) scoring at least `threshold`. */
  detect(head: DetectionHead, maps: DetectionMaps[], threshold: number): Promise<DetectedBox[][]> {
    return this.client.call('detect', { head, maps, threshold }, unique(maps.flatMap(buffersOf)))
  }

  /** Ends the worker after the calls already made. Closing twice is harmless. */
  close(): Promise<void> {
    this.closing ??= this.client.close()
    return this.closing
  }
}

function buffersOf(maps: DetectionMaps): ArrayBuffer[] {
  const own = [maps.fine.buffer as ArrayBuffer, maps.coarse.buffer as ArrayBuffer, maps.global.buffer as ArrayBuffer]
  return maps.mirrored ? [...own, ...buffersOf(maps.mirrored)] : own
}

/** A buffer may be listed once only in a transfer list. */
function unique(buffers: ArrayBuffer[]): ArrayBuffer[] {
  return [...new Set(buffers)]
}
