import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { SIGNATURE_SQL, type EmbeddingSignature } from './embedding-store'

/** A model's embeddings as read in one transaction: `rows` rows, in arrays with room for more past them. */
export interface MatrixRead {
  ids: Int32Array
  /** Row-major, `dimensions` numbers a row. */
  vectors: Float32Array
  dimensions: number
  rows: number
  signature: EmbeddingSignature
}

/** Room left for rows added later, as a share of the rows read: growing means copying every vector, on the main thread. */
const HEADROOM = 0.125

/**
 * Reads all of a model's embeddings from the catalogue file on a worker thread, over a read-only connection of its
 * own, in one read transaction: the rows and their signature are one consistent snapshot (WAL lets it read while
 * this thread writes). Reading 100k × 1280-d takes seconds, which on the main thread would hold the event loop, and
 * with it the UI, for as long. The arrays are transferred back, not copied.
 */
export function readMatrixOffThread(file: string, modelId: string, signal: AbortSignal): Promise<MatrixRead> {
  const job: ReaderJob = {
    sqlite: createRequire(import.meta.url).resolve('better-sqlite3'),
    // Under Electron, the copy of better-sqlite3 rebuilt for its ABI, as the catalogue itself is opened with.
    nativeBinding: process.versions.electron ? (process.env.LOUPE_SQLITE_BINDING ?? null) : null,
    file,
    modelId,
    signatureSql: SIGNATURE_SQL,
    headroom: HEADROOM,
  }
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error(`Reading the embeddings of ${modelId} was cancelled.`))
    const worker = new Worker(READER_SOURCE, { eval: true, name: 'loupe-matrix-read', workerData: job })
    const stop = () => void worker.terminate()
    signal.addEventListener('abort', stop, { once: true })
    worker.once('message', (message: ReaderReply) => {
      if ('failed' in message) reject(new Error(`Reading the embeddings of ${modelId} failed: ${message.failed}`))
      else resolve({ ...message, signature: { modelId, ...message.signature } })
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      signal.removeEventListener('abort', stop)
      const why = signal.aborted ? 'was cancelled' : `stopped (worker exit code ${code})`
      reject(new Error(`Reading the embeddings of ${modelId} ${why}.`))
    })
  })
}

interface ReaderJob {
  /** Absolute path of better-sqlite3's entry: the worker is evaluated from a string and has no module of its own. */
  sqlite: string
  nativeBinding: string | null
  file: string
  modelId: string
  signatureSql: string
  headroom: number
}

type ReaderReply =
  | { ids: Int32Array; vectors: Float32Array; dimensions: number; rows: number; signature: Omit<EmbeddingSignature, 'modelId'> }
  | { failed: string }

/**
 * The worker's code, plain CommonJS evaluated from this string, so that it runs the same from TypeScript sources
 * (tsx, vitest) and from the electron-vite bundle without a build entry of its own.
 */
const READER_SOURCE = `
const { parentPort, workerData: job } = require('node:worker_threads')
try {
  const Database = require(job.sqlite)
  const binding = job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}
  const db = new Database(job.file, { readonly: true, fileMustExist: true, ...binding })
  const read = db.transaction(() => {
    const signature = db.prepare(job.signatureSql).get(job.modelId)
    const capacity = Math.ceil(signature.count * (1 + job.headroom)) + 64
    const ids = new Int32Array(capacity)
    let vectors = new Float32Array(0)
    let dimensions = 0
    let rows = 0
    const select = db.prepare('SELECT image_id AS id, vector FROM embeddings WHERE model_id = ? ORDER BY image_id')
    for (const { id, vector } of select.iterate(job.modelId)) {
      if (dimensions === 0) {
        dimensions = vector.byteLength / 4
        vectors = new Float32Array(capacity * dimensions)
      }
      if (vector.byteLength !== dimensions * 4) {
        throw new Error('its embeddings differ in length (' + dimensions + ' and ' + vector.byteLength / 4 + ' numbers)')
      }
      ids[rows] = id
      // Byte-wise: a Buffer from SQLite may sit at an offset that is not a multiple of 4.
      new Uint8Array(vectors.buffer, rows * dimensions * 4, dimensions * 4).set(vector)
      rows++
    }
    return { ids, vectors, dimensions, rows, signature }
  })
  const result = read()
  db.close()
  parentPort.postMessage(result, [result.ids.buffer, result.vectors.buffer])
} catch (error) {
  parentPort.postMessage({ failed: error && error.message ? error.message : String(error) })
}
`
