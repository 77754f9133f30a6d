import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { BACKEND_NAMES, type BackendInfo, type BackendName } from './backend-types'
import { deserializeError, EngineError, ModelError } from './errors'
import { ModelManifest } from './manifest'
import { summariseIssues } from './model-files'
import type { EmbedResult, InitResult, WorkerMemory, WorkerReply, WorkerRequest } from './protocol'

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
   * Backends to try, in order. Default: the LOUPE_ML_BACKEND environment variable (comma-separated names) if set,
   * else tensorflow-gpu, tensorflow, wasm, cpu.
   */
  backends?: readonly BackendName[]
  /** XNNPACK threads for wasm (the Node build of the wasm backend is single-threaded; kept for other hosts). */
  wasmThreads?: number
}

export class EmbeddingEngine {
  private constructor(
    private readonly client: WorkerClient,
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
    const client = new WorkerClient()
    try {
      const init = (await client.request(
        {
          type: 'init',
          model: { dir: options.modelDir, manifest },
          backends: options.backends ?? backendsFromEnvironment(),
          ...(options.wasmThreads ? { wasmThreads: options.wasmThreads } : {}),
        },
        [],
      )) as InitResult
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
    const owned = ownsBuffer(batch) ? batch : batch.slice()
    const { vectors } = (await this.client.request({ type: 'embed', batch: owned, n }, [owned.buffer as ArrayBuffer])) as EmbedResult
    const dimension = vectors.length / n
    return Array.from({ length: n }, (_, index) => vectors.subarray(index * dimension, (index + 1) * dimension))
  }

  /** tf.memory() inside the worker (numTensors must stay flat across embed calls). */
  async memory(): Promise<WorkerMemory> {
    return (await this.client.request({ type: 'memory' }, [])) as WorkerMemory
  }

  /** Releases the model and ends the worker. Calls still queued are rejected; closing twice is harmless. */
  async close(): Promise<void> {
    await this.client.close()
  }
}

/** Which backend this machine would use, without loading a model (for a CLI or settings page). */
export async function probeBackend(options: { backends?: readonly BackendName[] } = {}): Promise<BackendInfo> {
  const client = new WorkerClient()
  try {
    const init = (await client.request({ type: 'init', model: null, backends: options.backends ?? backendsFromEnvironment() }, [])) as InitResult
    return init.backend
  } finally {
    await client.close()
  }
}

function backendsFromEnvironment(): readonly BackendName[] {
  const value = process.env.LOUPE_ML_BACKEND?.trim()
  if (!value) return BACKEND_NAMES
  const names = value.split(',').map((part) => part.trim()).filter((part) => part.length > 0)
  const unknown = names.filter((name) => !(BACKEND_NAMES as readonly string[]).includes(name))
  if (unknown.length > 0) {
    throw new EngineError(`LOUPE_ML_BACKEND names unknown backend(s) ${unknown.join(', ')}; use ${BACKEND_NAMES.join(', ')}`)
  }
  return names as BackendName[]
}

function ownsBuffer(array: Float32Array): boolean {
  return array.buffer instanceof ArrayBuffer && array.byteOffset === 0 && array.byteLength === array.buffer.byteLength
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }
type RequestWithoutId = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never

/**
 * How the worker is started:
 * - from TypeScript source (tsx, vitest: this module's URL ends in .ts), through worker-bootstrap.js, which registers
 *   tsx inside the worker and imports embedding-worker.ts (Node cannot start a .ts worker by itself, and
 *   `execArgv: ['--import', 'tsx']` is not honoured for worker threads);
 * - from a bundle (electron-vite), the sibling entry embedding-worker.js, next to this chunk or one folder up
 *   (shared code may land in out/main/chunks/).
 * The names are variables so that bundlers leave these URLs alone.
 */
function workerEntry(): { file: URL; workerData?: { entry: string } } {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    const bootstrap = './worker-bootstrap.js'
    const source = './embedding-worker.ts'
    return { file: new URL(bootstrap, here), workerData: { entry: new URL(source, here).href } }
  }
  const built = 'embedding-worker.js'
  for (const candidate of [`./${built}`, `../${built}`]) {
    const url = new URL(candidate, here)
    if (existsSync(fileURLToPath(url))) return { file: url }
  }
  throw new EngineError(
    `The inference worker (${built}) is missing beside ${fileURLToPath(here)}: the build must include ` +
      'src/main/ml/embedding-worker.ts as an entry of the main process.',
  )
}

class WorkerClient {
  private readonly worker: Worker
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private failure: Error | null = null
  private closing: Promise<void> | null = null

  constructor() {
    const entry = workerEntry()
    this.worker = new Worker(entry.file, {
      ...(entry.workerData ? { workerData: entry.workerData } : {}),
      name: 'loupe-embedding',
    })
    this.worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending.get(reply.id)
      if (!pending) return
      this.pending.delete(reply.id)
      if (reply.ok) pending.resolve(reply.value)
      else pending.reject(deserializeError(reply.error))
    })
    this.worker.on('error', (error) => this.fail(new EngineError(`The inference worker crashed: ${error.message}`)))
    this.worker.on('exit', (code) => this.fail(new EngineError(`The inference worker exited (code ${code}).`)))
  }

  request(message: RequestWithoutId, transfer: ArrayBuffer[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.closing && message.type !== 'close') return Promise.reject(new EngineError('The embedding engine is closed.'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
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
        if (!this.failure) await this.request({ type: 'close' }, [])
      } catch {
        // The worker is going away anyway.
      }
      await this.terminate()
    })()
    return this.closing
  }

  async terminate(): Promise<void> {
    this.fail(new EngineError('The embedding engine is closed.'))
    await this.worker.terminate()
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const pending of this.pending.values()) pending.reject(this.failure)
    this.pending.clear()
  }
}
