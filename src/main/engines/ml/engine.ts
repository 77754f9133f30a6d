import { WorkerClient, workerEntry } from '../../platform/workers'
import type { BackendInfo, BackendName } from './backend-types'
import { backendsFromEnvironment } from './backend-choice'
import { EngineError, ModelError, reviveWorkerError } from './errors'
import { ModelManifest } from './manifest'
import { summariseIssues } from './model-files'
import type { EmbeddingMethods, WorkerMemory } from './protocol'

/**
 * The main-side handle on the inference worker. TensorFlow.js never runs on the calling thread: `start` spawns a
 * worker_threads Worker that picks a backend, loads the model and answers `embed` calls one at a time, in order.
 *
 *   const model = await store.open()                       // ModelStore: verified folder + manifest
 *   const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest })
 *   const batch = await preprocessBatch(paths, model.manifest) // sharp, on this thread (libvips has its own pool)
 *   const vectors = await engine.embed(batch, paths.length)  // batch's buffer is transferred, not copied
 *   await engine.close()
 */

export interface EngineStartOptions {
  /** A model folder (normally `InstalledModel.dir` from ModelStore.open). */
  modelDir: string
  manifest: ModelManifest
  /**
   * Backends to try, in order. Default: the LOUPE_BACKEND environment variable (comma-separated names) if set,
   * else tensorflow-gpu, onnxruntime, tensorflow, wasm, cpu.
   */
  backends?: readonly BackendName[]
  /** XNNPACK threads for wasm (the Node build of the wasm backend is single-threaded; kept for other hosts). */
  wasmThreads?: number
}

type Client = WorkerClient<EmbeddingMethods>

export class EmbeddingEngine {
  private closing: Promise<void> | null = null

  private constructor(
    private readonly client: Client,
    /** The backend in use; `backend.label` is the text for the UI and CLI, e.g. "wasm (SIMD)". */
    readonly backend: BackendInfo,
    readonly manifest: ModelManifest,
  ) {}

  /** Starts the worker, selects a backend and loads the model. Rejects with a ModelError for a missing or damaged model. */
  static async start(options: EngineStartOptions): Promise<EmbeddingEngine> {
    const parsed = ModelManifest.safeParse(options.manifest)
    if (!parsed.success) {
      throw new ModelError('invalid-manifest', `The manifest given for ${options.modelDir} is invalid (${summariseIssues(parsed.error)}).`)
    }
    const manifest = parsed.data
    const client = startWorker()
    try {
      const init = await client.call('init', {
        model: { dir: options.modelDir, manifest },
        backends: options.backends ?? backendsFromEnvironment(),
        ...(options.wasmThreads ? { wasmThreads: options.wasmThreads } : {}),
      })
      return new EmbeddingEngine(client, init.backend, manifest)
    } catch (error) {
      await client.terminate()
      throw error
    }
  }

  get dimension(): number {
    return this.manifest.dimension
  }

  /**
   * Embeds `n` images. `batch` is n×H×W×3 (NHWC, RGB, already normalised for this model: see preprocessBatch). Its
   * buffer is transferred to the worker, so `batch` is empty (detached) afterwards; a view into a larger buffer is
   * copied instead. Resolves to n L2-normalised vectors of `dimension` floats (views into one transferred buffer).
   */
  async embed(batch: Float32Array, n: number): Promise<Float32Array[]> {
    const { width, height } = this.manifest.input
    const expected = n * height * width * 3
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`embed: n must be a positive integer, got ${n}`)
    if (batch.length !== expected) {
      throw new RangeError(`embed: ${n} images of ${width}×${height}×3 need ${expected} values, got ${batch.length}`)
    }
    if (this.closing) throw closed()
    const owned = ownsBuffer(batch) ? batch : batch.slice()
    const vectors = await this.client.call('embed', { batch: owned, n }, [owned.buffer as ArrayBuffer])
    const dimension = vectors.length / n
    return Array.from({ length: n }, (_, index) => vectors.subarray(index * dimension, (index + 1) * dimension))
  }

  /** tf.memory() inside the worker (numTensors must stay flat across embed calls). */
  async memory(): Promise<WorkerMemory> {
    if (this.closing) throw closed()
    return this.client.call('memory', null)
  }

  /** Releases the model and ends the worker, after the calls already made; later ones are refused. Closing twice is harmless. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.client.call('dispose', null).catch(() => undefined)
      await this.client.close()
    })()
    return this.closing
  }
}

/** Which backend this machine would use, without loading a model (for a CLI or settings page). */
export async function probeBackend(options: { backends?: readonly BackendName[] } = {}): Promise<BackendInfo> {
  const client = startWorker()
  try {
    return (await client.call('init', { model: null, backends: options.backends ?? backendsFromEnvironment() })).backend
  } finally {
    await client.close()
  }
}

function startWorker(): Client {
  return new WorkerClient<EmbeddingMethods>({
    entry: workerEntry({ from: import.meta.url, source: './embedding-worker.ts', built: 'embedding-worker.js' }),
    name: 'loupe-embedding',
    revive: (error) => reviveWorkerError(error, 'inference'),
    stopped: (why) => new EngineError(`The inference worker stopped: ${why}.`),
  })
}

function closed(): EngineError {
  return new EngineError('The embedding engine is closed.')
}

function ownsBuffer(array: Float32Array): boolean {
  return array.buffer instanceof ArrayBuffer && array.byteOffset === 0 && array.byteLength === array.buffer.byteLength
}
