import type { BackendInfo, BackendName } from '../ml/backend-types'
import { startBackendWorker, withCancelFlag } from '../ml/backend-worker'
import type { WorkerClient } from '../../platform/workers'
import type { Network } from './network'
import type { DetectReply, TrainingMethods, TrainReply } from './protocol'
import type { EpochReport, TrainConfig, TrainData } from './trainer'

type Client = WorkerClient<TrainingMethods>

/**
 * The main-side handle on a training worker (worker_threads). TensorFlow.js and the training loop never run on the
 * calling thread. `start` spawns the worker and selects a backend (the LOUPE_BACKEND order, like the embedding
 * engine); each call is answered in order.
 */
export class TrainingWorker {
  private closing: Promise<void> | null = null

  private constructor(
    private readonly client: Client,
    readonly backend: BackendInfo,
  ) {}

  static async start(options: { backends?: readonly BackendName[] } = {}): Promise<TrainingWorker> {
    const { client, backend } = await startBackendWorker<TrainingMethods>({
      from: import.meta.url,
      source: './training-worker.ts',
      built: 'training-worker.js',
      kind: 'training',
      backends: options.backends,
    })
    return new TrainingWorker(client, backend)
  }

  /**
   * Trains; `onEpoch` hears each epoch as it ends. Aborting `signal` stops after the current batch and still resolves,
   * with the best weights so far (stoppedBy 'cancelled').
   */
  train(data: TrainData, config: TrainConfig, onEpoch: (epoch: EpochReport) => void, signal?: AbortSignal): Promise<TrainReply> {
    return withCancelFlag(signal, (cancel) => this.client.call('train', { data, config, cancel }, [], onEpoch))
  }

  /** rows × classes probabilities for x (rows × inputs). */
  predict(network: Network, x: Float32Array, rows: number): Promise<Float32Array> {
    return this.client.call('predict', { network, x, rows })
  }

  /** The same, computed by TensorFlow.js's own layers model loaded from an exported folder's files. */
  layersPredict(modelJson: unknown, weights: ArrayBuffer[], x: Float32Array, rows: number): Promise<Float32Array> {
    return this.client.call('layersPredict', { modelJson, weights, x, rows })
  }

  async loadDetector(modelFile: string, weightFiles: string[]): Promise<void> {
    await this.client.call('loadDetector', { modelFile, weightFiles })
  }

  /** `pixels`: size × size × 3, already scaled as the detector expects; transferred. */
  detect(pixels: Float32Array, size: number): Promise<DetectReply> {
    return this.client.call('detect', { pixels, size }, [pixels.buffer as ArrayBuffer])
  }

  /** Releases the detector and ends the worker, after the calls already made. Closing twice is harmless. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.client.call('dispose', null).catch(() => undefined)
      await this.client.close()
    })()
    return this.closing
  }
}
