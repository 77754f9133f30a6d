import type { BackendInfo, BackendName } from '../ml/backend-types'
import { backendsFromEnvironment } from '../ml/backend-choice'
import { EngineError, reviveWorkerError } from '../ml/errors'
import { WorkerClient, workerEntry } from '../../platform/workers'
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
    const client = new WorkerClient<DetectionMethods>({
      entry: workerEntry({ from: import.meta.url, source: './detection-worker.ts', built: 'detection-worker.js' }),
      name: 'loupe-detection',
      revive: (error) => reviveWorkerError(error, 'detection'),
      stopped: (why) => new EngineError(`The detection worker stopped: ${why}.`),
    })
    try {
      const backend = await client.call('init', { backends: options.backends ?? backendsFromEnvironment() })
      return new DetectionWorker(client, backend)
    } catch (error) {
      await client.terminate()
      throw error
    }
  }

  /**
   * Trains a head; `onEpoch` hears each epoch as it ends. Aborting `signal` stops after the current batch and still
   * resolves, with the best weights so far (stoppedBy 'cancelled').
   */
  async train(
    input: { shape: DetectionInputShape; classes: number; train: DetectorSample[]; validation: DetectorSample[]; config: DetectorTrainConfig },
    onEpoch: (epoch: DetectorEpochReport) => void,
    signal?: AbortSignal,
  ): Promise<DetectorTrainOutcome> {
    const cancel = new SharedArrayBuffer(4)
    const flag = new Int32Array(cancel)
    const stop = () => Atomics.store(flag, 0, 1)
    if (signal?.aborted) stop()
    signal?.addEventListener('abort', stop, { once: true })
    try {
      const transfer = [...input.train, ...input.validation].flatMap((sample) => buffersOf(sample.maps))
      return await this.client.call('train', { ...input, cancel }, unique(transfer), onEpoch)
    } finally {
      signal?.removeEventListener('abort', stop)
    }
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
