import type { Db } from '../storage/database'

export interface ImageToEmbed {
  id: number
  path: string
  /** The frame of a multi-frame file (DICOM) this catalogue image is; absent or 0 otherwise. */
  frame?: number
  contentHash: string
}

/** All of one model's embeddings as a dense row-major matrix, with the image id of each row. */
export interface EmbeddingMatrix {
  ids: Int32Array
  vectors: Float32Array
  dimensions: number
}

/** Embeddings in the catalogue, per model; a cache that indexing fills and that search reads. */
export class EmbeddingStore {
  constructor(private readonly db: Db) {}

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

  matrix(modelId: string): EmbeddingMatrix {
    const rows = this.db
      .prepare('SELECT image_id AS id, vector FROM embeddings WHERE model_id = ? ORDER BY image_id')
      .all(modelId) as { id: number; vector: Buffer }[]
    const dimensions = rows[0] ? rows[0].vector.byteLength / 4 : 0
    const ids = new Int32Array(rows.length)
    const vectors = new Float32Array(rows.length * dimensions)
    rows.forEach((row, index) => {
      ids[index] = row.id
      vectors.set(toFloat32(row.vector), index * dimensions)
    })
    return { ids, vectors, dimensions }
  }
}

function toFloat32(buffer: Buffer): Float32Array {
  // Copied: a Buffer from SQLite may sit at an offset that is not a multiple of 4.
  const copy = new Float32Array(buffer.byteLength / 4)
  new Uint8Array(copy.buffer).set(buffer)
  return copy
}
