import { createRequire } from 'node:module'

/**
 * The memory bank's nearest-neighbour search, with usearch's SIMD kernels: exact (brute force over the bank), which at
 * the bank sizes coreset subsampling leaves (tens of thousands of patches) is both exact and fast enough, and gives
 * the same distances on every run. usearch reads a typed array from its buffer's start, so only whole arrays are passed.
 */

const requireHere = createRequire(import.meta.url)
let usearchModule: typeof import('usearch') | undefined

function usearch(): typeof import('usearch') {
  return (usearchModule ??= requireHere('usearch') as typeof import('usearch'))
}

/** For each query row, the Euclidean distance to its nearest bank row. */
export function nearestDistances(bank: Float32Array, queries: Float32Array, dimension: number): Float32Array {
  const { exactSearch, MetricKind } = usearch()
  const owned = (array: Float32Array) => (array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? array : array.slice())
  const matches = exactSearch(owned(bank), owned(queries), dimension, 1, MetricKind.L2sq) as { distances: Float32Array }
  const rows = queries.length / dimension
  const out = new Float32Array(rows)
  for (let row = 0; row < rows; row++) out[row] = Math.sqrt(Math.max(matches.distances[row]!, 0))
  return out
}
