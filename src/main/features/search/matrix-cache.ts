import {
  sameSignature,
  type EmbeddingMatrix,
  type EmbeddingSignature,
  type EmbeddingStore,
  type StoredVector,
} from './embedding-store'
import { readMatrixOffThread } from './matrix-reader'

/**
 * Rows read on this thread per turn of the event loop when catching up: 2.6 MB of vectors at 1280-d, about 8 ms of
 * reading and copying on a 2-core machine busy with other work (1,280 rows took 17-22 ms there).
 */
export const ROWS_PER_TURN = 512

/** A matrix together with the catalogue state it holds exactly. */
export interface MatrixSnapshot {
  matrix: EmbeddingMatrix
  signature: EmbeddingSignature
}

/**
 * The embeddings of the model in use, held in memory for exact search and for index builds. The first read runs on a
 * worker thread (readMatrixOffThread: 100k × 1280-d held the main thread for 4 s on a quiet 2-core machine); after
 * that, `invalidate` (embeddings saved or images removed) makes the next `current` read here only what changed, a
 * slice per turn of the event loop: embeddings saved since (from the time index), and, when the count says images
 * went, which ones. A snapshot handed out is never changed by later growth or removals (they go to new arrays or past
 * its end); an image embedded again is overwritten in place, which makes the snapshot's signature stale, as it should be.
 */
export class MatrixCache {
  private loaded: ModelMatrix | null = null

  constructor(private readonly store: EmbeddingStore) {}

  /** The catalogue may have changed: the next `current` catches up. */
  invalidate(): void {
    if (this.loaded) this.loaded.stale = true
  }

  /** Drops the matrix, stopping a read under way. */
  close(): void {
    this.loaded?.abandon()
    this.loaded = null
  }

  /** `modelId`'s embeddings as the catalogue holds them now. Another model's matrix is dropped. */
  current(modelId: string): Promise<MatrixSnapshot> {
    if (this.loaded?.modelId !== modelId) {
      this.loaded?.abandon()
      this.loaded = new ModelMatrix(this.store, modelId)
    }
    return this.loaded.current()
  }
}

class ModelMatrix {
  stale = true
  private ids: Int32Array = new Int32Array(0)
  private vectors: Float32Array = new Float32Array(0)
  private dimensions = 0
  private rows = 0
  private readonly rowOf = new Map<number, number>()
  private signature: EmbeddingSignature | null = null
  private catchingUp: Promise<void> | null = null
  private readonly abandoned = new AbortController()

  constructor(
    private readonly store: EmbeddingStore,
    readonly modelId: string,
  ) {}

  async current(): Promise<MatrixSnapshot> {
    // A catch-up under way may have begun before the latest change: it is waited for, then the next one runs.
    while (this.catchingUp || this.stale) {
      this.catchingUp ??= this.catchUp().finally(() => {
        this.catchingUp = null
      })
      await this.catchingUp
    }
    return {
      matrix: {
        ids: this.ids.subarray(0, this.rows),
        // From offset 0, as usearch needs: it reads from the buffer's start.
        vectors: this.vectors.subarray(0, this.rows * this.dimensions),
        dimensions: this.dimensions,
      },
      signature: this.signature!,
    }
  }

  abandon(): void {
    this.abandoned.abort()
  }

  /** Brings the matrix in line with the catalogue; after a failure the next call tries again. */
  private async catchUp(): Promise<void> {
    this.stale = false
    try {
      await this.readChanges()
    } catch (error) {
      this.stale = true
      throw error
    }
  }

  /**
   * Embeddings may be saved while the worker reads and between slices; the last step, reading what was saved since,
   * checking for removals and taking the signature, runs in one turn, so the signature describes exactly the rows held.
   */
  private async readChanges(): Promise<void> {
    if (!this.signature) {
      const read = await readMatrixOffThread(this.store.file, this.modelId, this.abandoned.signal)
      this.checkInUse()
      this.ids = read.ids
      this.vectors = read.vectors
      this.dimensions = read.dimensions
      this.rows = read.rows
      // Where each image's row is, for images embedded again; 100k entries took 40 ms in one go.
      for (let row = 0; row < read.rows; row++) {
        this.rowOf.set(read.ids[row]!, row)
        if (row % ROWS_PER_TURN === ROWS_PER_TURN - 1) await this.nextTurn()
      }
      this.signature = read.signature
    }
    if (sameSignature(this.signature, this.store.signature(this.modelId))) return
    let since = this.signature.newest
    const saved = this.store.savedSince(this.modelId, since)
    if (saved.length > ROWS_PER_TURN) {
      // Many saved since (an indexing run): read in slices too, leaving for the last step what is saved meanwhile.
      for (let start = 0; start < saved.length; start += ROWS_PER_TURN) {
        this.put(this.store.vectorsOf(this.modelId, saved.slice(start, start + ROWS_PER_TURN).map((row) => row.id)))
        await this.nextTurn()
      }
      since = saved.reduce((latest, row) => (row.createdAt > latest ? row.createdAt : latest), since ?? '')
    }
    const signature = this.store.signature(this.modelId)
    if (!sameSignature(this.signature, signature)) {
      this.put(this.store.vectorsOf(this.modelId, this.store.savedSince(this.modelId, since).map((row) => row.id)))
      // Every image embedded now is held; more rows than the catalogue has means some were removed.
      if (this.rows !== signature.count) this.keepOnly(this.store.imageIds(this.modelId))
    }
    this.signature = signature
  }

  private async nextTurn(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
    this.checkInUse()
  }

  private checkInUse(): void {
    if (this.abandoned.signal.aborted) throw new Error(`The embeddings of ${this.modelId} are no longer in use.`)
  }

  /** Adds rows, or overwrites those of images already held (embedded again). */
  private put(rows: StoredVector[]): void {
    for (const { id, vector } of rows) {
      const length = vector.byteLength / 4
      if (this.dimensions === 0) {
        this.dimensions = length
        this.reserve(this.ids.length)
      }
      if (length !== this.dimensions) {
        throw new Error(`The embeddings of ${this.modelId} differ in length (${this.dimensions} and ${length} numbers).`)
      }
      let row = this.rowOf.get(id)
      if (row === undefined) {
        this.reserve(this.rows + 1)
        row = this.rows++
        this.ids[row] = id
        this.rowOf.set(id, row)
      }
      // Byte-wise: a Buffer from SQLite may sit at an offset that is not a multiple of 4.
      new Uint8Array(this.vectors.buffer, row * this.dimensions * 4, this.dimensions * 4).set(vector)
    }
  }

  /** Room for `rows` rows; growing moves to new arrays, leaving earlier snapshots as they were. */
  private reserve(rows: number): void {
    const capacity = rows <= this.ids.length ? this.ids.length : Math.max(rows, Math.ceil(this.ids.length * 1.5), 64)
    if (capacity !== this.ids.length) {
      const ids = new Int32Array(capacity)
      ids.set(this.ids.subarray(0, this.rows))
      this.ids = ids
    }
    if (this.dimensions > 0 && this.vectors.length !== capacity * this.dimensions) {
      const vectors = new Float32Array(capacity * this.dimensions)
      vectors.set(this.vectors.subarray(0, this.rows * this.dimensions))
      this.vectors = vectors
    }
  }

  /** Drops the rows of images no longer embedded, into new arrays. */
  private keepOnly(present: Set<number>): void {
    const d = this.dimensions
    const ids = new Int32Array(Math.max(present.size, 64))
    const vectors = new Float32Array(ids.length * d)
    this.rowOf.clear()
    let kept = 0
    for (let row = 0; row < this.rows; row++) {
      const id = this.ids[row]!
      if (!present.has(id)) continue
      ids[kept] = id
      vectors.set(this.vectors.subarray(row * d, (row + 1) * d), kept * d)
      this.rowOf.set(id, kept++)
    }
    this.ids = ids
    this.vectors = vectors
    this.rows = kept
  }
}
