import { createRequire } from 'node:module'

/**
 * The memory bank's nearest-neighbour search, with usearch's SIMD kernels. Exact search (brute force over the bank)
 * gives the same distances on every run but costs bank size × patches a picture, and more than linearly once the bank
 * outgrows the caches; from HNSW_FROM_PATCHES on, the bank is searched through an HNSW graph, built once when the bank
 * is loaded into the anomaly worker. The measurements behind the switch point and the graph's shape are in
 * ARCHITECTURE.md ("Heavy work off the services' thread"); bench/anomaly.ts repeats them on the tiles. usearch
 * reads a typed array from its buffer's start, so only whole arrays are passed.
 */

const requireHere = createRequire(import.meta.url)
let usearchModule: typeof import('usearch') | undefined

function usearch(): typeof import('usearch') {
  return (usearchModule ??= requireHere('usearch') as typeof import('usearch'))
}

/** How a bank is searched: 'auto' is exact below HNSW_FROM_PATCHES, HNSW from there on. */
export type BankSearch = 'auto' | 'exact' | 'hnsw'

/**
 * Bank size (patches) from which 'auto' searches an HNSW graph. Around here the two cost the same a picture on a quiet
 * machine (0.5 s), so exact search, repeatable to the bit and with no graph to build, is kept below; above, exact
 * search grows faster than the bank (it outgrows the caches) and the graph wins: 12 times faster at 25k patches.
 */
export const HNSW_FROM_PATCHES = 10_000

/**
 * The graph's shape: 32 links a node, 200 candidates while adding, 256 while searching. A picture's score is its
 * worst patch, and a defect's patches are far from every bank patch, where a narrower search most often stops short:
 * with 16 links and 64 candidates one picture scored 27% above exact; with these, no picture's highest patch distance
 * differed from exact on the tiles' 12.5k and 37.6k-patch banks. Built on one thread, so a bank always gives the same
 * graph and the same distances.
 */
const HNSW = { connectivity: 32, expansion_add: 200, expansion_search: 256 }

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
    // One thread, as the graph was built with: usearch keeps search contexts only for the threads it was built with.
    const matches = this.index.search(owned(queries), 1, 1) as { distances: Float32Array }
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
