import type { Random } from '../learning/random'

/**
 * Greedy coreset subsampling (PatchCore, after Sener & Savarese): repeatedly keep the patch farthest from every patch
 * kept so far, so a few percent of the patches cover the whole set and the nearest-neighbour distance to the kept ones
 * stays close to the distance to all. Distances are measured after a random Gaussian projection to `projection`
 * dimensions (Johnson–Lindenstrauss: distances are roughly kept), which makes each step much cheaper. The first patch
 * and the projection come from `random`, so the same input and seed keep the same patches.
 */
export function greedyCoreset(
  vectors: Float32Array,
  dimension: number,
  keep: number,
  random: Random,
  projection: number,
): Int32Array {
  const count = vectors.length / dimension
  if (keep >= count) return Int32Array.from({ length: count }, (_, index) => index)
  const projected = project(vectors, count, dimension, Math.min(projection, dimension), random)
  const width = Math.min(projection, dimension)
  const nearest = new Float32Array(count).fill(Infinity)
  const chosen = new Int32Array(keep)
  let next = random.below(count)
  for (let step = 0; step < keep; step++) {
    chosen[step] = next
    const centre = next * width
    let farthest = 0
    let farthestDistance = -1
    for (let row = 0; row < count; row++) {
      const offset = row * width
      let distance = 0
      for (let k = 0; k < width; k++) {
        const difference = projected[offset + k]! - projected[centre + k]!
        distance += difference * difference
      }
      if (distance < nearest[row]!) nearest[row] = distance
      if (nearest[row]! > farthestDistance) {
        farthestDistance = nearest[row]!
        farthest = row
      }
    }
    next = farthest
  }
  return chosen
}

function project(vectors: Float32Array, count: number, dimension: number, width: number, random: Random): Float32Array {
  if (width === dimension) return vectors
  const matrix = new Float32Array(dimension * width)
  for (let index = 0; index < matrix.length; index++) matrix[index] = gaussian(random) / Math.sqrt(width)
  const out = new Float32Array(count * width)
  for (let row = 0; row < count; row++) {
    for (let d = 0; d < dimension; d++) {
      const value = vectors[row * dimension + d]!
      if (value === 0) continue
      const weights = d * width
      const target = row * width
      for (let k = 0; k < width; k++) out[target + k]! += value * matrix[weights + k]!
    }
  }
  return out
}

/** A standard normal sample (Box–Muller). */
function gaussian(random: Random): number {
  const u = 1 - random.next()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next())
}
