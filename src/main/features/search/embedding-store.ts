import type { Db } from '../../platform/storage/database'

export interface ImageToEmbed {
  id: number
  path: string
  /** The frame of a multi-frame file (DICOM) this catalogue image is; absent or 0 otherwise. */
  frame?: number
  contentHash: string
}

/** One stored embedding as SQLite returns it: little-endian float32 bytes. */
export interface StoredVector {
  id: number
  vector: Buffer
}

/** All of one model's embeddings as a dense row-major matrix, with the image id of each row. */
export interface EmbeddingMatrix {
  ids: Int32Array
  vectors: Float32Array
  dimensions: number
}

/**
 * A model's embeddings at one moment, in brief: what an index file was built from, and what the matrix in memory
 * holds. A catalogue whose current signature differs has gained, lost or re-embedded images since, so either is stale:
 * the count catches removals, the newest timestamp every embedding saved since (new images and images embedded again
 * after their file changed), the id sum a removal and an addition that cancel.
 */
export interface EmbeddingSignature {
  modelId: string
  count: number
  idSum: number
  newest: string | null
}

/**
 * One query. With an index on embeddings (model_id, created_at) it reads only that index (~15 ms at 100k); without
 * one, max(created_at) reads every row's vector too, as created_at is stored after it (1-3 s at 100k on a busy
 * machine). It runs once when the catalogue opens and once after each change, not per search.
 */
export function readSignature(db: Db, modelId: string): EmbeddingSignature {
  const row = db.prepare(SIGNATURE_SQL).get(modelId) as { count: number; idSum: number; newest: string | null }
  return { modelId, count: row.count, idSum: row.idSum, newest: row.newest }
}

export const SIGNATURE_SQL =
  'SELECT count(*) AS count, total(image_id) AS idSum, max(created_at) AS newest FROM embeddings WHERE model_id = ?'

export function sameSignature(a: EmbeddingSignature, b: EmbeddingSignature): boolean {
  return a.modelId === b.modelId && a.count === b.count && a.idSum === b.idSum && a.newest === b.newest
}

/** Embeddings in the catalogue, per model; a cache that indexing fills and that search reads. */
export class EmbeddingStore {
  constructor(private readonly db: Db) {}

  /** The catalogue's file, for readers on other threads. */
  get file(): string {
    return this.db.name
  }

  /** Images with no embedding for this model yet, or one computed from an earlier version of the file. */
  missing(modelId: string, limit: number, afterId = 0): ImageToEmbed[] {
    return this.db
      .prepare(
        `SELECT i.id, i.path, i.frame, i.content_hash AS contentHash FROM images i
         LEFT JOIN embeddings e ON e.model_id = ? AND e.image_id = i.id
         WHERE i.id > ? AND i.missing = 0 AND (e.image_id IS NULL OR e.content_hash <> i.content_hash)
         ORDER BY i.id LIMIT ?`,
      )
      .all(modelId, afterId, limit) as ImageToEmbed[]
  }

  countMissing(modelId: string): number {
    return (
      this.db
        .prepare(
          `SELECT count(*) AS n FROM images i LEFT JOIN embeddings e ON e.model_id = ? AND e.image_id = i.id
           WHERE i.missing = 0 AND (e.image_id IS NULL OR e.content_hash <> i.content_hash)`,
        )
        .get(modelId) as { n: number }
    ).n
  }

  /** What the model's embeddings are now (see EmbeddingSignature). */
  signature(modelId: string): EmbeddingSignature {
    return readSignature(this.db, modelId)
  }

  count(modelId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM embeddings WHERE model_id = ?').get(modelId) as { n: number }).n
  }

  /** Saves a batch in one transaction. */
  save(modelId: string, rows: { image: ImageToEmbed; vector: Float32Array }[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO embeddings (model_id, image_id, content_hash, vector, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (model_id, image_id) DO UPDATE SET content_hash = excluded.content_hash,
         vector = excluded.vector, created_at = excluded.created_at`,
    )
    const stamp = new Date().toISOString()
    this.db.transaction(() => {
      for (const { image, vector } of rows) {
        upsert.run(modelId, image.id, image.contentHash, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength), stamp)
      }
    })()
  }

  vectorOf(modelId: string, imageId: number): Float32Array | undefined {
    const row = this.db
      .prepare('SELECT vector FROM embeddings WHERE model_id = ? AND image_id = ?')
      .get(modelId, imageId) as { vector: Buffer } | undefined
    return row && toFloat32(row.vector)
  }

  /**
   * The images whose embedding was saved at or after `since` (every one when null), with when: new and re-embedded
   * images since a moment. Read from the (model, time) index alone, which holds the image id but not the vector.
   */
  savedSince(modelId: string, since: string | null): { id: number; createdAt: string }[] {
    return this.db
      .prepare('SELECT image_id AS id, created_at AS createdAt FROM embeddings WHERE model_id = ? AND created_at >= ?')
      .all(modelId, since ?? '') as { id: number; createdAt: string }[]
  }

  /** The embeddings of these images that exist. */
  vectorsOf(modelId: string, imageIds: readonly number[]): StoredVector[] {
    return this.db
      .prepare('SELECT image_id AS id, vector FROM embeddings WHERE model_id = ? AND image_id IN (SELECT value FROM json_each(?))')
      .all(modelId, JSON.stringify(imageIds)) as StoredVector[]
  }

  /** Every image with an embedding from this model. */
  imageIds(modelId: string): Set<number> {
    const rows = this.db.prepare('SELECT image_id AS id FROM embeddings WHERE model_id = ?').all(modelId) as { id: number }[]
    return new Set(rows.map((row) => row.id))
  }
}

function toFloat32(buffer: Buffer): Float32Array {
  // Copied: a Buffer from SQLite may sit at an offset that is not a multiple of 4.
  const copy = new Float32Array(buffer.byteLength / 4)
  new Uint8Array(copy.buffer).set(buffer)
  return copy
}
