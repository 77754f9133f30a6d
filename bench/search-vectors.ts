import { seededRandom } from './stats'

/**
 * Made-up embeddings shaped like a real model's, for search benchmarks and tests. Isotropic random unit vectors are
 * the wrong stand-in: in 1280 dimensions every pair is about equally far apart, so "the 10 nearest" is noise and no
 * approximate index can find it. Image embeddings instead lie near a low-dimensional surface, grouped by subject.
 * Here each vector is a point of a Gaussian mixture in a small latent space (subjects as the mixture's components),
 * mapped into the full space by a fixed random projection, with a little full-dimensional noise, then L2-normalised;
 * a share of them are near-copies of an earlier vector (cosine about 0.995), like resized or recompressed files.
 * Deterministic for a given seed. The default shape gives nearest-neighbour cosines of about 0.85-0.9 among 20k
 * vectors, and is hard enough that HNSW's recall@10 at its default search effort is 0.99 at 20k, not 1.
 */
export interface EmbeddingShape {
  dimensions: number
  /** Dimension of the latent space: how many independent directions the data really varies in. */
  latent: number
  /** Subjects (mixture components). */
  subjects: number
  /** Spread of a subject around its centre, relative to the spread of the centres. */
  spread: number
  /** Per-coordinate noise added in the full space, relative to the signal. */
  noise: number
  /** Share of vectors that are near-copies of an earlier one. */
  duplicateShare: number
}

export const EMBEDDING_SHAPE: EmbeddingShape = {
  dimensions: 1280,
  latent: 32,
  subjects: 50,
  spread: 1,
  noise: 0.5,
  duplicateShare: 0.005,
}

export class EmbeddingGenerator {
  readonly shape: EmbeddingShape
  private readonly random: () => number
  private readonly projection: Float32Array
  private readonly centres: Float32Array
  private readonly latent: Float64Array
  private spare: number | null = null

  constructor(seed: number, shape: Partial<EmbeddingShape> = {}) {
    this.shape = { ...EMBEDDING_SHAPE, ...shape }
    const { dimensions, latent, subjects } = this.shape
    this.random = seededRandom(seed)
    this.projection = new Float32Array(dimensions * latent)
    for (let i = 0; i < this.projection.length; i++) this.projection[i] = this.gaussian() / Math.sqrt(latent)
    this.centres = new Float32Array(subjects * latent)
    for (let i = 0; i < this.centres.length; i++) this.centres[i] = this.gaussian()
    this.latent = new Float64Array(latent)
  }

  /**
   * `count` vectors as one row-major matrix. Near-copies refer to earlier rows of the same call; `duplicates` lists
   * them as [original row, copy row].
   */
  matrix(count: number, options: { duplicates?: boolean } = {}): { vectors: Float32Array; duplicates: [number, number][] } {
    const { dimensions, duplicateShare } = this.shape
    const vectors = new Float32Array(count * dimensions)
    const duplicates: [number, number][] = []
    for (let row = 0; row < count; row++) {
      const target = vectors.subarray(row * dimensions, (row + 1) * dimensions)
      if ((options.duplicates ?? true) && row > 0 && this.random() < duplicateShare) {
        const original = Math.floor(this.random() * row)
        this.nearCopy(vectors.subarray(original * dimensions, (original + 1) * dimensions), target)
        duplicates.push([original, row])
      } else {
        this.next(target)
      }
    }
    return { vectors, duplicates }
  }

  /** One new vector, written into `target`. */
  next(target: Float32Array): void {
    const { dimensions, latent, subjects, spread, noise } = this.shape
    const subject = Math.floor(this.random() * subjects)
    for (let l = 0; l < latent; l++) this.latent[l] = this.centres[subject * latent + l]! + spread * this.gaussian()
    const amplitude = noise * Math.sqrt(3)
    for (let d = 0; d < dimensions; d++) {
      let sum = 0
      const base = d * latent
      for (let l = 0; l < latent; l++) sum += this.projection[base + l]! * this.latent[l]!
      target[d] = sum + amplitude * (2 * this.random() - 1)
    }
    normalise(target)
  }

  private nearCopy(original: Float32Array, target: Float32Array): void {
    const amplitude = 0.1 / Math.sqrt(original.length / 3)
    for (let d = 0; d < original.length; d++) target[d] = original[d]! + amplitude * (2 * this.random() - 1)
    normalise(target)
  }

  private gaussian(): number {
    if (this.spare !== null) {
      const value = this.spare
      this.spare = null
      return value
    }
    const u = 1 - this.random()
    const v = this.random()
    const radius = Math.sqrt(-2 * Math.log(u))
    this.spare = radius * Math.sin(2 * Math.PI * v)
    return radius * Math.cos(2 * Math.PI * v)
  }
}

function normalise(vector: Float32Array): void {
  let sum = 0
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0
  for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! * scale
}
