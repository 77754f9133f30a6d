import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { BACKEND_NAMES, type BackendInfo, type BackendName } from '../ml/backend-types'
import { deserializeError, EngineError } from '../ml/errors'
import type { Network } from './network'
import type { DetectReply, TrainingWorkerMessage, TrainingWorkerRequest, TrainReply } from './protocol'
import type { EpochReport, TrainConfig, TrainData } from './trainer'

/**
 * The main-side handle on a training worker (worker_threads). TensorFlow.js and the training loop never run on the
 * calling thread. `start` spawns the worker and selects a backend (the LOUPE_ML_BACKEND order, like the embedding
 * engine); each call is answered in order.
 */
export class TrainingWorker {
  private constructor(
    private readonly client: Client,
    readonly backend: BackendInfo,
  ) {}

  static async start(options: { backends?: readonly BackendName[] } = {}): Promise<TrainingWorker> {
    const client = new Client()
    try {
      const backend = (await client.request({ type: 'init', backends: options.backends ?? backendsFromEnvironment() })) as BackendInfo
      return new TrainingWorker(client, backend)
    } catch (error) {
      await client.close()
      throw error
    }
  }

  /**
   * Trains; `onEpoch` hears each epoch as it ends. Aborting `signal` stops after the current batch and still resolves,
   * with the best weights so far (stoppedBy 'cancelled').
   */
  async train(data: TrainData, config: TrainConfig, onEpoch: (epoch: EpochReport) => void, signal?: AbortSignal): Promise<TrainReply> {
    const cancel = new SharedArrayBuffer(4)
    const flag = new Int32Array(cancel)
    const stop = () => Atomics.store(flag, 0, 1)
    if (signal?.aborted) stop()
    signal?.addEventListener('abort', stop, { once: true })
    try {
      return (await this.client.request({ type: 'train', data, config, cancel }, [], onEpoch)) as TrainReply
    } finally {
      signal?.removeEventListener('abort', stop)
    }
  }

  /** rows × classes probabilities for x (rows × inputs). */
  async predict(network: Network, x: Float32Array, rows: number): Promise<Float32Array> {
    return (await this.client.request({ type: 'predict', network, x, rows })) as Float32Array
  }

  /** The same, computed by TensorFlow.js's own layers model loaded from an exported folder's files. */
  async layersPredict(modelJson: unknown, weights: ArrayBuffer[], x: Float32Array, rows: number): Promise<Float32Array> {
    return (await this.client.request({ type: 'layersPredict', modelJson, weights, x, rows })) as Float32Array
  }

  async loadDetector(modelFile: string, weightFiles: string[]): Promise<void> {
    await this.client.request({ type: 'loadDetector', modelFile, weightFiles })
  }

  /** `pixels`: size × size × 3, already scaled as the detector expects; transferred. */
  async detect(pixels: Float32Array, size: number): Promise<DetectReply> {
    return (await this.client.request({ type: 'detect', pixels, size }, [pixels.buffer as ArrayBuffer])) as DetectReply
  }

  async close(): Promise<void> {
    await this.client.close()
  }
}

function backendsFromEnvironment(): readonly BackendName[] {
  const value = process.env.LOUPE_ML_BACKEND?.trim()
  if (!value) return BACKEND_NAMES
  const names = value.split(',').map((part) => part.trim()).filter((part) => part.length > 0)
  const unknown = names.filter((name) => !(BACKEND_NAMES as readonly string[]).includes(name))
  if (unknown.length > 0) throw new EngineError(`LOUPE_ML_BACKEND names unknown backend(s) ${unknown.join(', ')}; use ${BACKEND_NAMES.join(', ')}`)
  return names as BackendName[]
}

/**
 * Under tsx/vitest (this module's URL ends in .ts) the worker is started through ../ml/worker-bootstrap.js, which
 * registers tsx inside the worker; a bundle starts training-worker.js from beside its chunk or one folder up.
 */
function workerEntry(): { file: URL; workerData?: { entry: string } } {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    const bootstrap = '../ml/worker-bootstrap.js'
    const source = './training-worker.ts'
    return { file: new URL(bootstrap, here), workerData: { entry: new URL(source, here).href } }
  }
  const built = 'training-worker.js'
  for (const candidate of [`./${built}`, `../${built}`]) {
    const url = new URL(candidate, here)
    if (existsSync(fileURLToPath(url))) return { file: url }
  }
  throw new EngineError(
    `The training worker (${built}) is missing beside ${fileURLToPath(here)}: the build must include ` +
      'src/main/training/training-worker.ts as an entry of the main process.',
  )
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; onEpoch?: (epoch: EpochReport) => void }
type RequestWithoutId = TrainingWorkerRequest extends infer R ? (R extends TrainingWorkerRequest ? Omit<R, 'id'> : never) : never

class Client {
  private readonly worker: Worker
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private failure: Error | null = null
  private closing: Promise<void> | null = null

  constructor() {
    const entry = workerEntry()
    this.worker = new Worker(entry.file, { ...(entry.workerData ? { workerData: entry.workerData } : {}), name: 'loupe-training' })
    this.worker.on('message', (message: TrainingWorkerMessage) => {
      const pending = this.pending.get(message.id)
      if (!pending) return
      if ('epoch' in message) {
        pending.onEpoch?.(message.epoch)
        return
      }
      this.pending.delete(message.id)
      if (message.ok) pending.resolve(message.value)
      else pending.reject(deserializeError(message.error))
    })
    this.worker.on('error', (error) => this.fail(new EngineError(`The training worker crashed: ${error.message}`)))
    this.worker.on('exit', (code) => this.fail(new EngineError(`The training worker exited (code ${code}).`)))
  }

  request(message: RequestWithoutId, transfer: ArrayBuffer[] = [], onEpoch?: (epoch: EpochReport) => void): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.closing && message.type !== 'close') return Promise.reject(new EngineError('The training worker is closed.'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(onEpoch ? { onEpoch } : {}) })
      try {
        this.worker.postMessage({ ...message, id }, transfer)
      } catch (error) {
        this.pending.delete(id)
        reject(error as Error)
      }
    })
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.failure) await this.request({ type: 'close' })
      } catch {
        // The worker is going away anyway.
      }
      this.fail(new EngineError('The training worker is closed.'))
      await this.worker.terminate()
    })()
    return this.closing
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const pending of this.pending.values()) pending.reject(this.failure)
    this.pending.clear()
  }
}
