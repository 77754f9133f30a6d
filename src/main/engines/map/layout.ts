import { UMAP } from 'umap-js'
import { Random } from '../learning/random'

/** Vectors as one row-major matrix: `count` rows of `dimension` values. */
export interface VectorRows {
  rows: Float32Array
  dimension: number
}

export interface LayoutOptions {
  seed: number
  /**
   * Above this many points UMAP fits a seeded sample of this size and places the others with its transform, a chunk at
   * a time: memory stays that of the sample's neighbour graph, and the rest is placed against a fixed layout.
   */
  sampleSize: number
  /** Fraction done in [0, 1], at most about a hundred times a layout. */
  onProgress?: (fraction: number) => void
}

/** Where each point lies, in [0, 1]² (x then y per point), and which points the UMAP fit itself laid out. */
export interface Layout {
  coords: Float32Array
  anchors: Uint8Array
}

export const DEFAULT_SAMPLE_SIZE = 20_000
/** UMAP's own default: neighbourhoods of 15 balance local clusters against the global arrangement. */
const NEIGHBOURS = 15
/** Points placed by one transform call: big enough to amortise its setup, small enough to report progress often. */
const TRANSFORM_CHUNK = 2_000

/**
 * UMAP's 2-D layout of unit-length embedding vectors. Euclidean distance between unit vectors orders neighbours as
 * cosine distance does (|a − b|² = 2 − 2 cos), so UMAP's default Euclidean metric gives cosine neighbourhoods. The
 * same vectors and seed give the same layout. The coordinates are scaled into [0, 1]² keeping the aspect ratio
 * (centred on the shorter side), so a view needs no bounds of its own and incremental points (weighted means of laid
 * out ones) stay inside.
 */
export function layOut(vectors: VectorRows, options: LayoutOptions): Layout {
  const count = vectors.rows.length / vectors.dimension
  const random = new Random(options.seed)
  const anchors = new Uint8Array(count)
  const sample = count > options.sampleSize ? sampleOf(count, options.sampleSize, random) : Int32Array.from({ length: count }, (_, i) => i)
  for (const index of sample) anchors[index] = 1
  const coords = new Float32Array(count * 2)
  if (count < 3) {
    // Too few for a neighbour graph: a point, or two ends of a line.
    for (let i = 0; i < count; i++) coords.set([i, 0], i * 2)
    return { coords: normalised(coords), anchors }
  }
  // Per point, fitting and transforming cost about the same (bench group "map"), so progress goes by points.
  const fitShare = sample.length / count
  const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(NEIGHBOURS, sample.length - 1), random: () => random.next() })
  const epochs = umap.initializeFit(rowsOf(vectors, sample))
  for (let epoch = 0; epoch < epochs; epoch++) {
    umap.step()
    if (epoch % Math.max(1, Math.floor(epochs / 50)) === 0) options.onProgress?.((fitShare * epoch) / epochs)
  }
  umap.getEmbedding().forEach(([x, y], i) => coords.set([x!, y!], sample[i]! * 2))
  const rest = Int32Array.from({ length: count }, (_, i) => i).filter((i) => anchors[i] === 0)
  for (let start = 0; start < rest.length; start += TRANSFORM_CHUNK) {
    const chunk = rest.subarray(start, start + TRANSFORM_CHUNK)
    umap.transform(rowsOf(vectors, chunk)).forEach(([x, y], i) => coords.set([x!, y!], chunk[i]! * 2))
    options.onProgress?.(fitShare + ((1 - fitShare) * (start + chunk.length)) / rest.length)
  }
  options.onProgress?.(1)
  return { coords: normalised(coords), anchors }
}

/** `size` distinct indices of `count`, seeded, in increasing order. */
function sampleOf(count: number, size: number, random: Random): Int32Array {
  const all = random.shuffle(Int32Array.from({ length: count }, (_, i) => i))
  return all.subarray(0, size).sort()
}

function rowsOf(vectors: VectorRows, indices: Int32Array): number[][] {
  const { rows, dimension } = vectors
  return Array.from(indices, (index) => Array.from(rows.subarray(index * dimension, (index + 1) * dimension)))
}

function normalised(coords: Float32Array): Float32Array {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
  for (let i = 0; i < coords.length; i += 2) {
    minX = Math.min(minX, coords[i]!)
    maxX = Math.max(maxX, coords[i]!)
    minY = Math.min(minY, coords[i + 1]!)
    maxY = Math.max(maxY, coords[i + 1]!)
  }
  const span = Math.max(maxX - minX, maxY - minY) || 1
  const offsetX = (span - (maxX - minX)) / 2
  const offsetY = (span - (maxY - minY)) / 2
  for (let i = 0; i < coords.length; i += 2) {
    coords[i] = (coords[i]! - minX + offsetX) / span
    coords[i + 1] = (coords[i + 1]! - minY + offsetY) / span
  }
  return coords
}
