import type { VectorRows } from '../../engines/map'
import type { Db } from '../../platform/storage/database'

/** Embeddings read for the map: one matrix, with each row's image and the file version it was computed from. */
export interface MapVectors extends VectorRows {
  imageIds: Int32Array
  contentHashes: string[]
}

export interface PlacedPoint {
  imageId: number
  contentHash: string
  x: number
  y: number
  anchor: boolean
}

/** Current embeddings: of the image's present file version (a changed file is not on the map until re-indexed). */
const CURRENT_EMBEDDINGS = `FROM embeddings e JOIN images i ON i.id = e.image_id AND i.content_hash = e.content_hash AND i.missing = 0
  WHERE e.model_id = ?`
/** …and not on the map with that version. */
const NOT_PLACED = `NOT EXISTS (SELECT 1 FROM map_points p
  WHERE p.model_id = e.model_id AND p.image_id = e.image_id AND p.content_hash = e.content_hash)`

/** The map's tables (map_layouts, map_points) and the embeddings it is made from. */
export class MapStore {
  constructor(private readonly db: Db) {}

  layout(modelId: string): { seed: number; computedAt: string } | undefined {
    return this.db.prepare('SELECT seed, computed_at AS computedAt FROM map_layouts WHERE model_id = ?').get(modelId) as
      | { seed: number; computedAt: string }
      | undefined
  }

  counts(modelId: string): { points: number; unplaced: number; unindexed: number } {
    const count = (sql: string) => (this.db.prepare(sql).get(modelId) as { n: number }).n
    return {
      points: count('SELECT count(*) AS n FROM map_points WHERE model_id = ?'),
      unplaced: count(`SELECT count(*) AS n ${CURRENT_EMBEDDINGS} AND ${NOT_PLACED}`),
      unindexed: count(
        `SELECT count(*) AS n FROM images i WHERE i.missing = 0 AND NOT EXISTS (SELECT 1 FROM embeddings e
           WHERE e.model_id = ? AND e.image_id = i.id AND e.content_hash = i.content_hash)`,
      ),
    }
  }

  /** Every current embedding of the model, in image order. */
  allVectors(modelId: string): MapVectors {
    return this.vectors(`SELECT e.image_id AS id, e.content_hash AS hash, e.vector ${CURRENT_EMBEDDINGS} ORDER BY e.image_id`, [modelId])
  }

  /** Current embeddings not on the map, or on it from an earlier version of their file. */
  unplacedVectors(modelId: string): MapVectors {
    return this.vectors(
      `SELECT e.image_id AS id, e.content_hash AS hash, e.vector ${CURRENT_EMBEDDINGS} AND ${NOT_PLACED} ORDER BY e.image_id`,
      [modelId],
    )
  }

  /** The anchors' embeddings and places, for placing new points among them (an anchor whose file changed is none). */
  anchors(modelId: string): MapVectors & { coords: Float32Array } {
    const rows = this.db
      .prepare(
        `SELECT p.x, p.y, e.image_id AS id, e.content_hash AS hash, e.vector FROM map_points p
         JOIN embeddings e ON e.model_id = p.model_id AND e.image_id = p.image_id AND e.content_hash = p.content_hash
         WHERE p.model_id = ? AND p.anchor = 1 ORDER BY p.image_id`,
      )
      .all(modelId) as Array<{ x: number; y: number; id: number; hash: string; vector: Buffer }>
    const vectors = toMatrix(rows)
    const coords = new Float32Array(rows.length * 2)
    rows.forEach((row, i) => coords.set([row.x, row.y], i * 2))
    return { ...vectors, coords }
  }

  /** Replaces the model's layout and every point, in one transaction. */
  replaceLayout(modelId: string, seed: number, points: readonly PlacedPoint[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM map_layouts WHERE model_id = ?').run(modelId)
      this.db.prepare('INSERT INTO map_layouts (model_id, seed, computed_at) VALUES (?, ?, ?)').run(modelId, seed, new Date().toISOString())
      this.insert(modelId, points)
    })()
  }

  /** Adds (or moves) points of an existing layout, in one transaction. */
  addPoints(modelId: string, points: readonly PlacedPoint[]): void {
    this.db.transaction(() => this.insert(modelId, points))()
  }

  /** The map's points as parallel arrays, with paths when asked. */
  points(modelId: string, withPaths: boolean): { imageIds: number[]; x: number[]; y: number[]; paths?: string[] } {
    const rows = this.db
      .prepare(
        `SELECT p.image_id AS id, p.x, p.y${withPaths ? ', i.path' : ''} FROM map_points p
         ${withPaths ? 'JOIN images i ON i.id = p.image_id' : ''} WHERE p.model_id = ? ORDER BY p.image_id`,
      )
      .raw()
      .all(modelId) as Array<[number, number, number, string?]>
    const result = { imageIds: rows.map((row) => row[0]), x: rows.map((row) => row[1]), y: rows.map((row) => row[2]) }
    return withPaths ? { ...result, paths: rows.map((row) => row[3]!) } : result
  }

  private insert(modelId: string, points: readonly PlacedPoint[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO map_points (model_id, image_id, content_hash, x, y, anchor) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (model_id, image_id) DO UPDATE SET content_hash = excluded.content_hash, x = excluded.x, y = excluded.y,
         anchor = excluded.anchor`,
    )
    for (const point of points) upsert.run(modelId, point.imageId, point.contentHash, point.x, point.y, point.anchor ? 1 : 0)
  }

  private vectors(sql: string, params: unknown[]): MapVectors {
    return toMatrix(this.db.prepare(sql).all(...params) as Array<{ id: number; hash: string; vector: Buffer }>)
  }
}

function toMatrix(rows: ReadonlyArray<{ id: number; hash: string; vector: Buffer }>): MapVectors {
  const dimension = rows.length > 0 ? rows[0]!.vector.byteLength / 4 : 0
  const matrix = new Float32Array(rows.length * dimension)
  const bytes = new Uint8Array(matrix.buffer)
  // Copied byte-wise: a Buffer from SQLite may sit at an offset that is not a multiple of 4.
  rows.forEach((row, i) => bytes.set(row.vector, i * dimension * 4))
  return { rows: matrix, dimension, imageIds: Int32Array.from(rows, (row) => row.id), contentHashes: rows.map((row) => row.hash) }
}
