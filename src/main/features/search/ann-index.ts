import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { BatchMatches, Index, Matches } from 'usearch'
import { sameSignature, type EmbeddingMatrix, type EmbeddingSignature } from './embedding-store'
import { usearch, type Neighbour } from './vector-search'

/** How the HNSW graph is built and searched. Changing any but `expansionSearch` makes existing index files stale. */
export interface AnnParams {
  /**
   * How the index stores vectors. f16 halves the memory and file of f32, builds about twice as fast and searches faster;
   * recall@10 was the same at 10k and 0.01 lower at 100k (0.955 against 0.964 at search effort 64).
   */
  quantization: 'f16' | 'f32'
  /** Neighbours per node (HNSW's M). */
  connectivity: number
  /** Candidate list while inserting (efConstruction): build time against graph quality. */
  expansionAdd: number
  /** Candidate list while searching (ef), raised to k when k is larger. */
  expansionSearch: number
}

/**
 * The most neighbours a filtered search fetches from the index before searching the filter's images exactly instead.
 * Measured at 100k (k = 10): fetching 400 for a filter keeping 5% of the images took 3.6 ms, fetching 2,000 for one
 * keeping 1% took 14 ms, where exact search over those 1,000 images costs a few. A filter that would need more than
 * this keeps under 2k/1024 of the catalogue (2% at k = 10, 10% at k = 50).
 */
export const FILTER_FETCH_LIMIT = 1024

export const DEFAULT_ANN_PARAMS: AnnParams = { quantization: 'f16', connectivity: 16, expansionAdd: 64, expansionSearch: 128 }

/** The sidecar written next to an index file: what it covers and how it was built. */
interface Sidecar {
  format: typeof SIDECAR_FORMAT
  signature: EmbeddingSignature
  params: AnnParams
  dimensions: number
  /** Byte size of the index file, so a file replaced or cut short underneath the sidecar is not trusted. */
  bytes: number
  builtAt: string
  buildMs: number
}

const SIDECAR_FORMAT = 1

/** `<dir>/<modelId>.usearch`, the model id made safe as a file name. */
export function annFile(dir: string, modelId: string): string {
  return join(dir, `${modelId.replace(/[^A-Za-z0-9._-]/g, '_')}.usearch`)
}

function sidecarFile(file: string): string {
  return `${file}.json`
}

/**
 * A built HNSW index over one model's embeddings, keyed by image id, inner product on L2-normalised vectors (cosine).
 * Opened memory-mapped where the platform allows replacing a mapped file (everything but Windows), so opening is
 * instant and the vectors live in the page cache rather than the heap; read into memory on Windows, where a rebuild
 * could not rename over a file still mapped.
 */
export class AnnIndex {
  private constructor(
    private readonly index: Index,
    readonly file: string,
    readonly signature: EmbeddingSignature,
    readonly params: AnnParams,
    readonly dimensions: number,
    /** Size of the index file in bytes. */
    readonly bytes: number,
  ) {}

  /** Number of vectors in the index. */
  get size(): number {
    return this.index.size()
  }

  /**
   * Opens `file` if its sidecar says it covers exactly `expected` and was built with `params`; otherwise (missing,
   * stale, different parameters, damaged) returns null, and the caller builds a new one.
   */
  static open(file: string, expected: EmbeddingSignature, params: AnnParams): AnnIndex | null {
    const sidecar = readSidecar(file)
    if (!sidecar || !sameSignature(sidecar.signature, expected) || !sameBuild(sidecar.params, params)) return null
    let bytes: number
    try {
      bytes = statSync(file).size
    } catch {
      return null
    }
    if (bytes !== sidecar.bytes) return null
    const index = newIndex(sidecar.dimensions, params)
    try {
      if (process.platform === 'win32') index.load(file)
      else index.view(file)
    } catch {
      return null
    }
    if (index.size() !== expected.count || index.dimensions() !== sidecar.dimensions) return null
    return new AnnIndex(index, file, sidecar.signature, params, sidecar.dimensions, bytes)
  }

  /** The `k` nearest images, best first. Scores are cosine similarities, within about 1e-3 of exact with f16. */
  search(query: Float32Array, k: number): Neighbour[] {
    this.checkDimensions(query.length)
    const wanted = Math.min(k, this.size)
    if (wanted === 0) return []
    // One query: on this thread, as spreading a single HNSW walk over threads only adds their start-up.
    const matches = this.index.search(query.slice(), wanted, 1) as Matches
    return toNeighbours(matches.keys, matches.distances, 0, matches.keys.length)
  }

  /**
   * The `k` nearest of the `allowed` images: over-fetches (enough for about twice k at the filter's share of the
   * index, at least 4k), keeps the allowed, and fetches 4× more until it has k. Returns null, for the caller to search
   * the allowed images exactly, when the filter is too selective for that to pay (the first fetch would exceed
   * FILTER_FETCH_LIMIT) or when the largest fetch still fell short (allowed images far from the query).
   */
  searchFiltered(query: Float32Array, k: number, allowed: ReadonlySet<number>): Neighbour[] | null {
    const wanted = Math.min(k, allowed.size)
    if (wanted === 0) return []
    const limit = Math.min(this.size, Math.max(FILTER_FETCH_LIMIT, 4 * wanted))
    const share = Math.min(1, allowed.size / this.size)
    let fetch = Math.max(4 * wanted, Math.ceil((2 * wanted) / share))
    if (fetch > limit && limit < this.size) return null
    for (;;) {
      fetch = Math.min(fetch, limit)
      const hits = this.search(query, fetch).filter((hit) => allowed.has(hit.imageId))
      if (hits.length >= wanted) return hits.slice(0, wanted)
      if (fetch >= limit) return null
      fetch *= 4
    }
  }

  /** The `k` nearest images of each row of `queries` (row-major), searched on `threads` native threads. */
  searchMany(queries: Float32Array, k: number, threads = 0): Neighbour[][] {
    this.checkDimensions(queries.length)
    const rows = queries.length / this.dimensions
    const wanted = Math.min(k, this.size)
    if (rows === 0 || wanted === 0) return Array.from({ length: rows }, () => [])
    if (rows === 1) return [this.search(queries, k)]
    const batch = this.index.search(queries.slice(), wanted, threads) as BatchMatches
    return Array.from({ length: rows }, (_, row) =>
      toNeighbours(batch.keys, batch.distances, row * wanted, Number(batch.counts[row])),
    )
  }

  private checkDimensions(length: number): void {
    if (length === 0 || length % this.dimensions !== 0) {
      throw new Error(`A query for this index has ${this.dimensions} dimensions, not ${length}.`)
    }
  }
}

function toNeighbours(keys: BigUint64Array, distances: Float32Array, start: number, count: number): Neighbour[] {
  const hits: Neighbour[] = []
  for (let i = start; i < start + count; i++) hits.push({ imageId: Number(keys[i]), score: 1 - distances[i]! })
  return hits
}

function newIndex(dimensions: number, params: AnnParams): Index {
  const { Index, MetricKind, ScalarKind } = usearch()
  return new Index({
    dimensions,
    metric: MetricKind.IP,
    quantization: params.quantization === 'f16' ? ScalarKind.F16 : ScalarKind.F32,
    connectivity: params.connectivity,
    expansion_add: params.expansionAdd,
    expansion_search: params.expansionSearch,
    multi: false,
  })
}

/** Whether a file built with `a` is what `b` would build; the search effort is not part of the file. */
function sameBuild(a: AnnParams, b: AnnParams): boolean {
  return a.quantization === b.quantization && a.connectivity === b.connectivity && a.expansionAdd === b.expansionAdd
}

function readSidecar(file: string): Sidecar | null {
  try {
    const sidecar = JSON.parse(readFileSync(sidecarFile(file), 'utf8')) as Partial<Sidecar>
    if (sidecar.format !== SIDECAR_FORMAT || !sidecar.signature || !sidecar.params) return null
    if (typeof sidecar.dimensions !== 'number' || typeof sidecar.bytes !== 'number') return null
    return sidecar as Sidecar
  } catch {
    return null
  }
}

export interface AnnBuildOptions {
  file: string
  /** Rows to index; its buffers are copied, so the caller keeps using it. */
  matrix: EmbeddingMatrix
  /** The catalogue state `matrix` was read at; written to the sidecar. */
  signature: EmbeddingSignature
  params?: AnnParams
  /** Native threads inserting in the worker; defaults to every core (the main thread only waits on a message). */
  threads?: number
  /** Nice value of those threads on Linux (0 normal … 19 lowest); default BUILD_NICE. */
  nice?: number
  /** Called on this thread as rows go in. */
  onProgress?: (done: number, total: number) => void
}

export interface AnnBuildResult {
  file: string
  size: number
  bytes: number
  /** Time spent in the worker inserting and saving. */
  buildMs: number
}

/** A build in progress, on its own worker thread. */
export interface AnnBuild {
  readonly done: Promise<AnnBuildResult>
  /** Stops the worker; `done` rejects and no file is left behind. */
  cancel(): Promise<void>
}

/** Rows copied per turn of the event loop while handing the matrix to the worker (2.6 MB at 1280-d). */
const COPY_ROWS_PER_TURN = 512
/**
 * Scheduling priority of a build's threads on Linux (0 normal, 19 lowest): low, so the main thread gets a core as
 * soon as it wakes. On a busy machine this measurably cut the main thread's event-loop delay during a build (p99 from
 * ~60 to ~20 ms at 20k vectors), at the cost of a slower build when other programs want the cores too.
 */
export const BUILD_NICE = 10
/** Rows inserted between progress messages. */
const ROWS_PER_PROGRESS = 4096

/**
 * Builds an index of `matrix` on a worker thread and writes it next to its sidecar, atomically: the old sidecar is
 * removed first, the index is saved under a temporary name and renamed over the old file, then the new sidecar is
 * written the same way. A crash at any point leaves either a consistent pair or an index with no sidecar, which
 * `AnnIndex.open` refuses. usearch's `add` is synchronous (it joins its native threads before returning), so on the
 * main thread it would freeze the event loop for the whole build; here the main thread only copies the matrix, in
 * slices, and waits.
 */
export function buildAnnIndex(options: AnnBuildOptions): AnnBuild {
  const params = options.params ?? DEFAULT_ANN_PARAMS
  const { file, matrix, signature } = options
  const threads = options.threads ?? availableParallelism()
  const temporary = `${file}.${process.pid}-${Date.now().toString(36)}.tmp`
  let worker: Worker | null = null
  let cancelled = false

  const done = (async (): Promise<AnnBuildResult> => {
    mkdirSync(dirname(file), { recursive: true })
    removeLeftovers(file)
    const rows = matrix.ids.length
    // Copies the caller can keep its matrix while ours goes to the worker (transferred, not cloned), one buffer per
    // batch the worker adds: a single buffer cannot hold a million 1280-d vectors (Node caps one at 4 GiB). Not zeroed
    // first: zeroing 512 MB (100k × 1280-d) at once held the event loop for a few hundred ms on a busy machine.
    const ids = matrix.ids.slice()
    const batches: Float32Array[] = []
    for (let start = 0; start < rows && !cancelled; start += ROWS_PER_PROGRESS) {
      const end = Math.min(rows, start + ROWS_PER_PROGRESS)
      const batch = new Float32Array(Buffer.allocUnsafeSlow((end - start) * matrix.dimensions * 4).buffer)
      for (let row = start; row < end && !cancelled; row += COPY_ROWS_PER_TURN) {
        const until = Math.min(end, row + COPY_ROWS_PER_TURN)
        batch.set(matrix.vectors.subarray(row * matrix.dimensions, until * matrix.dimensions), (row - start) * matrix.dimensions)
        await new Promise((resolve) => setImmediate(resolve))
      }
      batches.push(batch)
    }
    if (cancelled) throw new Error('The index build was cancelled.')
    const job: WorkerJob = {
      usearch: createRequire(import.meta.url).resolve('usearch'),
      ids,
      batches,
      dimensions: matrix.dimensions,
      params,
      threads,
      rowsPerProgress: ROWS_PER_PROGRESS,
      temporary,
      nice: options.nice ?? BUILD_NICE,
    }
    const started = performance.now()
    const running = new Worker(WORKER_SOURCE, {
      eval: true,
      name: 'loupe-ann-build',
      workerData: job,
      transferList: [ids.buffer, ...batches.map((batch) => batch.buffer as ArrayBuffer)],
    })
    worker = running
    // A build must not keep a finished process alive; close() terminates it properly.
    running.unref()
    try {
      await new Promise<void>((resolve, reject) => {
        running.on('message', (message: WorkerMessage) => {
          if (message.type === 'progress') options.onProgress?.(message.done, rows)
          else if (message.type === 'saved') resolve()
          else reject(new Error(`Building the search index failed: ${message.message}`))
        })
        running.on('error', reject)
        running.on('exit', (code) => reject(new Error(`The index build stopped (worker exit code ${code}).`)))
      })
    } catch (error) {
      rmSync(temporary, { force: true })
      throw error
    } finally {
      void running.terminate()
      worker = null
    }
    const buildMs = performance.now() - started
    const bytes = statSync(temporary).size
    const sidecar: Sidecar = {
      format: SIDECAR_FORMAT,
      signature,
      params,
      dimensions: matrix.dimensions,
      bytes,
      builtAt: new Date().toISOString(),
      buildMs: Math.round(buildMs),
    }
    rmSync(sidecarFile(file), { force: true })
    renameSync(temporary, file)
    writeFileSync(`${sidecarFile(file)}.tmp`, `${JSON.stringify(sidecar, null, 2)}\n`)
    renameSync(`${sidecarFile(file)}.tmp`, sidecarFile(file))
    return { file, size: rows, bytes, buildMs }
  })()

  return {
    done,
    async cancel() {
      cancelled = true
      const running = worker
      if (running) await running.terminate()
      await done.catch(() => undefined)
      rmSync(temporary, { force: true })
    },
  }
}

/** Temporary files of a build that did not finish (the app was killed mid-save). */
function removeLeftovers(file: string): void {
  const prefix = `${basename(file)}.`
  for (const name of readdirSync(dirname(file))) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(join(dirname(file), name), { force: true })
  }
}

interface WorkerJob {
  /** Absolute path of usearch's CommonJS entry: the worker is evaluated from a string and has no module of its own. */
  usearch: string
  ids: Int32Array
  /** The vectors, rowsPerProgress rows a batch (the last may be shorter), each in a buffer of its own. */
  batches: Float32Array[]
  dimensions: number
  params: AnnParams
  threads: number
  rowsPerProgress: number
  temporary: string
  /** Nice value of the building threads (Linux). */
  nice: number
}

type WorkerMessage = { type: 'progress'; done: number } | { type: 'saved' } | { type: 'failed'; message: string }

/**
 * The worker's code, plain CommonJS evaluated from this string (`eval: true`), so that it runs the same from
 * TypeScript sources (tsx, vitest) and from the electron-vite bundle without a build entry of its own.
 */
const WORKER_SOURCE = `
const { parentPort, workerData: job } = require('node:worker_threads')
try {
  const { Index, MetricKind, ScalarKind } = require(job.usearch)
  // On Linux a thread's nice value is its own and passes to the threads it starts: the build's threads yield to the
  // main thread (and the UI). Elsewhere it would lower the whole app, so it is left alone.
  if (process.platform === 'linux') {
    try {
      require('node:os').setPriority(job.nice)
    } catch {}
  }
  const index = new Index({
    dimensions: job.dimensions,
    metric: MetricKind.IP,
    quantization: job.params.quantization === 'f16' ? ScalarKind.F16 : ScalarKind.F32,
    connectivity: job.params.connectivity,
    expansion_add: job.params.expansionAdd,
    expansion_search: job.params.expansionSearch,
    multi: false,
  })
  const rows = job.ids.length
  const keys = new BigUint64Array(rows)
  for (let row = 0; row < rows; row++) keys[row] = BigInt(job.ids[row])
  job.batches.forEach((vectors, batch) => {
    const start = batch * job.rowsPerProgress
    const end = start + vectors.length / job.dimensions
    // Each batch starts its own buffer, as usearch reads some typed arrays from their buffer's start whatever their
    // offset; the keys are sliced for the same reason.
    index.add(keys.slice(start, end), vectors, job.threads)
    parentPort.postMessage({ type: 'progress', done: end })
  })
  index.save(job.temporary)
  parentPort.postMessage({ type: 'saved' })
} catch (error) {
  parentPort.postMessage({ type: 'failed', message: error && error.message ? error.message : String(error) })
}
`
