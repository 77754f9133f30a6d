import { createRequire } from 'node:module'
import type { EmbeddingMatrix } from './embedding-store'

const requireHere = createRequire(import.meta.url)
let usearchModule: typeof import('usearch') | undefined

/** usearch (native) is loaded on the first search, not with every start of the CLI or the app. */
export function usearch(): typeof import('usearch') {
  return (usearchModule ??= requireHere('usearch') as typeof import('usearch'))
}

export interface Neighbour {
  imageId: number
  /** Cosine similarity, 1 for the same picture. */
  score: number
}

/**
 * Exact cosine top-k with usearch's SIMD kernels (vectors are L2-normalised, so inner product is cosine). usearch reads
 * a typed array from its buffer's start, ignoring a subarray's offset, so every array handed to it is its own copy.
 */
export function nearest(matrix: EmbeddingMatrix, query: Float32Array, k: number, allowed?: Set<number>): Neighbour[] {
  const { ids, vectors, dimensions } = allowed ? subset(matrix, allowed) : matrix
  const count = Math.min(k, ids.length)
  if (count === 0) return []
  const { exactSearch, MetricKind } = usearch()
  const matches = exactSearch(vectors, query.slice(), dimensions, count, MetricKind.IP) as {
    keys: BigUint64Array
    distances: Float32Array
  }
  const hits: Neighbour[] = []
  for (let i = 0; i < count; i++) {
    const row = Number(matches.keys[i])
    hits.push({ imageId: ids[row]!, score: 1 - matches.distances[i]! })
  }
  return hits
}

/** For each row, its `k` nearest rows (itself included), in one batched exact search. */
export function allNearest(matrix: EmbeddingMatrix, k: number): { ids: Int32Array; neighbours: Neighbour[][] } {
  const { ids, vectors, dimensions } = matrix
  const count = Math.min(k, ids.length)
  if (count === 0) return { ids, neighbours: [] }
  const { exactSearch, MetricKind } = usearch()
  const batch = exactSearch(vectors, vectors, dimensions, count, MetricKind.IP) as {
    keys: BigUint64Array
    distances: Float32Array
  }
  const neighbours = Array.from({ length: ids.length }, (_, row) =>
    Array.from({ length: count }, (_, j) => ({
      imageId: ids[Number(batch.keys[row * count + j])]!,
      score: 1 - batch.distances[row * count + j]!,
    })),
  )
  return { ids, neighbours }
}

function subset(matrix: EmbeddingMatrix, allowed: Set<number>): EmbeddingMatrix {
  const rows: number[] = []
  matrix.ids.forEach((id, row) => {
    if (allowed.has(id)) rows.push(row)
  })
  const { dimensions } = matrix
  const vectors = new Float32Array(rows.length * dimensions)
  const ids = new Int32Array(rows.length)
  rows.forEach((row, index) => {
    ids[index] = matrix.ids[row]!
    vectors.set(matrix.vectors.subarray(row * dimensions, (row + 1) * dimensions), index * dimensions)
  })
  return { ids, vectors, dimensions }
}
