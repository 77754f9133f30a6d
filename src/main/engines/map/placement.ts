import type { VectorRows } from './layout'

/** Laid-out points a new one is placed among: UMAP's transform starts from the same weighted mean of neighbours. */
const NEIGHBOURS = 8

/**
 * Places points that came after a layout without laying anything out again: each goes to the similarity-weighted mean
 * of its NEIGHBOURS most similar anchors (the points the layout's UMAP fit placed), by cosine similarity of unit
 * vectors. The result stays inside the anchors' hull, so inside [0, 1]², and the laid-out points never move: the map a
 * person has learnt stays the same.
 */
export function placeAmong(anchors: VectorRows & { coords: Float32Array }, added: VectorRows): Float32Array {
  const { dimension } = anchors
  const anchorCount = anchors.rows.length / dimension
  const addedCount = added.rows.length / dimension
  const placed = new Float32Array(addedCount * 2)
  const best = new Float64Array(NEIGHBOURS)
  const bestIndex = new Int32Array(NEIGHBOURS)
  for (let point = 0; point < addedCount; point++) {
    best.fill(-Infinity)
    bestIndex.fill(-1)
    const vector = added.rows.subarray(point * dimension, (point + 1) * dimension)
    for (let anchor = 0; anchor < anchorCount; anchor++) {
      const similarity = dot(vector, anchors.rows, anchor * dimension)
      if (similarity <= best[NEIGHBOURS - 1]!) continue
      let slot = NEIGHBOURS - 1
      while (slot > 0 && best[slot - 1]! < similarity) {
        best[slot] = best[slot - 1]!
        bestIndex[slot] = bestIndex[slot - 1]!
        slot--
      }
      best[slot] = similarity
      bestIndex[slot] = anchor
    }
    let x = 0, y = 0, total = 0
    for (let slot = 0; slot < NEIGHBOURS && bestIndex[slot]! >= 0; slot++) {
      // Closer neighbours pull harder; 1 − cos is the cosine distance, kept off zero for an exact duplicate.
      const weight = 1 / (1e-6 + 1 - best[slot]!)
      x += weight * anchors.coords[bestIndex[slot]! * 2]!
      y += weight * anchors.coords[bestIndex[slot]! * 2 + 1]!
      total += weight
    }
    placed[point * 2] = total > 0 ? x / total : 0.5
    placed[point * 2 + 1] = total > 0 ? y / total : 0.5
  }
  return placed
}

function dot(vector: Float32Array, rows: Float32Array, offset: number): number {
  let sum = 0
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * rows[offset + i]!
  return sum
}
