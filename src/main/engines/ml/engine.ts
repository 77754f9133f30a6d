import { WorkerClient, workerEntry } from '../../platform/workers'
import type { BackendInfo, BackendName } from './backend-types'
import { backendsFromEnvironment } from './backend-choice'
import { EngineError, ModelError, reviveWorkerError } from './errors'
import { checkFeatureRequest, type FeatureLayers, type FeatureMap } from './feature-maps'
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
 *   const { maps } = await engine.features(nextBatch, n, ['block_13_expand_relu', 'out_relu']) // same model, NHWC maps
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

/** Feature maps of a batch, in the order their layers were asked for, and its embedding if asked for. */
export interface BatchFeatures {
  maps: FeatureMap[]
  /** n L2-normalised vectors (views into one buffer), as embed gives them; null unless asked for. */
  embeddings: Float32Array[] | null
}

export class EmbeddingEngine {
  private closing: Promise<void> | null = null

  private constructor(
    private readonly client: Client,
    /** The backend in use; `backend.label` is the text for the UI and CLI, e.g. "wasm (SIMD)". */
    readonly backend: BackendInfo,
    readonly manifest: ModelManifest,
    /**
     * The layers whose maps are the backbone's stride-16 and stride-32 features (the manifest's `features`, else found
     * by their output size), for `features`; null when this model's path gives no feature maps (graph models).
     */
    readonly featureLayers: FeatureLayers | null,
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
      return new EmbeddingEngine(client, init.backend, manifest, init.featureLayers)
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
    const owned = this.ownedBatch('embed', batch, n)
    const vectors = await this.client.call('embed', { batch: owned, n }, [owned.buffer as ArrayBuffer])
    return splitRows(vectors, n)
  }

  /**
   * The feature maps of `n` images at the named layers (e.g. `featureLayers.stride16`), from one forward pass of the
   * model embed uses, and with `{ embedding: true }` their embeddings too. `batch` is taken as by embed (transferred).
   * Each map is n×height×width×channels floats, NHWC, in a buffer of its own (transferred back, not copied). A name
   * that is not a layer with a feature map is refused with the nearest names that are.
   */
  async features(batch: Float32Array, n: number, layers: readonly string[], options: { embedding?: boolean } = {}): Promise<BatchFeatures> {
    checkFeatureRequest(layers)
    const owned = this.ownedBatch('features', batch, n)
    const embedding = options.embedding ?? false
    const result = await this.client.call('features', { batch: owned, n, layers: [...layers], embedding }, [owned.buffer as ArrayBuffer])
    return { maps: result.maps, embeddings: result.embedding ? splitRows(result.embedding, n) : null }
  }

  /** `batch` checked against n images of the model's input size, as a Float32Array that owns its buffer (to transfer). */
  private ownedBatch(method: string, batch: Float32Array, n: number): Float32Array {
    const { width, height } = this.manifest.input
    const expected = n * height * width * 3
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`${method}: n must be a positive integer, got ${n}`)
    if (batch.length !== expected) {
      throw new RangeError(`${method}: ${n} images of ${width}×${height}×3 need ${expected} values, got ${batch.length}`)
    }
    if (this.closing) throw closed()
    return ownsBuffer(batch) ? batch : batch.slice()
  }

  /** tf.memory() inside the worker (numTensors must stay flat across embed and features calls). */
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

/** n rows of equal length, as views into `values`. */
function splitRows(values: Float32Array, n: number): Float32Array[] {
  const dimension = values.length / n
  return Array.from({ length: n }, (_, index) => values.subarray(index * dimension, (index + 1) * dimension))
}

function closed(): EngineError {
  return new EngineError('The embedding engine is closed.')
}

function ownsBuffer(array: Float32Array): boolean {
  return array.buffer instanceof ArrayBuffer && array.byteOffset === 0 && array.byteLength === array.buffer.byteLength
}
