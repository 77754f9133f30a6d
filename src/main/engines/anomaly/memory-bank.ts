import { createRequire } from 'node:module'

/**
 * The memory bank's nearest-neighbour search, with usearch's SIMD kernels. Exact search (brute force over the bank)
 * gives the same distances on every run, but costs bank size × patches per picture: at 10k patches about a second a
 * picture on 2 busy cores. Above HNSW_FROM_PATCHES the bank is searched through an HNSW graph built once when the bank
 * is loaded (bench/anomaly.ts and test/main/engines/anomaly/memory-bank.test.ts measure both). usearch reads a typed
 * array from its buffer's start, so only whole arrays are passed.
 */

const requireHere = createRequire(import.meta.url)
let usearchModule: typeof import('usearch') | undefined

function usearch(): typeof import('usearch') {
  return (usearchModule ??= requireHere('usearch') as typeof import('usearch'))
}

/** How a bank is searched: 'auto' is exact below HNSW_FROM_PATCHES, HNSW from there on. */
export type BankSearch = 'auto' | 'exact' | 'hnsw'

/**
 * Bank size (patches) from which 'auto' searches an HNSW graph. Measured (256-d patches, 16 pictures of 784 patches,
 * 2 shared cores): see ARCHITECTURE.md, "Anomaly detection off the services' thread".
 */
export const HNSW_FROM_PATCHES = 10_000

/**
 * The graph's shape: 16 links a node, 128 candidates while adding, 64 while searching. On the magnetic tiles' banks
 * this finds the exact nearest patch for nearly every query; it is built on one thread, so the same bank gives the
 * same graph and the same distances.
 */
const HNSW = { connectivity: 16, expansion_add: 128, expansion_search: 64 }

export class MemoryBank {
  /** The search in use: 'exact' or 'hnsw', never 'auto'. */
  readonly search: 'exact' | 'hnsw'
  private readonly index: import('usearch').Index | null = null

  constructor(
    private readonly rows: Float32Array,
    readonly dimension: number,
    search: BankSearch = 'auto',
  ) {
    const size = rows.length / dimension
    this.search = search === 'auto' ? (size >= HNSW_FROM_PATCHES ? 'hnsw' : 'exact') : search
    if (this.search === 'hnsw') {
      const { Index, MetricKind, ScalarKind } = usearch()
      this.index = new Index({ dimensions: dimension, metric: MetricKind.L2sq, quantization: ScalarKind.F32, multi: false, ...HNSW })
      this.index.add(BigUint64Array.from({ length: size }, (_, key) => BigInt(key)), owned(rows), 1)
    }
  }

  /** For each query row, the Euclidean distance to its nearest bank row (HNSW: to the nearest the graph finds). */
  nearestDistances(queries: Float32Array): Float32Array {
    if (!this.index) return nearestDistances(this.rows, queries, this.dimension)
    const rows = queries.length / this.dimension
    const matches = this.index.search(owned(queries), 1, 0) as { distances: Float32Array }
    const out = new Float32Array(rows)
    for (let row = 0; row < rows; row++) out[row] = Math.sqrt(Math.max(matches.distances[row]!, 0))
    return out
  }
}

/** For each query row, the Euclidean distance to its nearest bank row. */
function nearestDistances(bank: Float32Array, queries: Float32Array, dimension: number): Float32Array {
  const { exactSearch, MetricKind } = usearch()
  const matches = exactSearch(owned(bank), owned(queries), dimension, 1, MetricKind.L2sq) as { distances: Float32Array }
  const rows = queries.length / dimension
  const out = new Float32Array(rows)
  for (let row = 0; row < rows; row++) out[row] = Math.sqrt(Math.max(matches.distances[row]!, 0))
  return out
}

function owned(array: Float32Array): Float32Array {
  return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? array : array.slice()
}
