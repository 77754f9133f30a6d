export interface QueuePick {
  /** Index of the candidate picked. */
  index: number
  /** Its highest cosine similarity to a candidate picked before it. */
  similarity: number
}

/**
 * Orders candidates for labelling greedily: the most uncertain first, each next pick penalised by its highest cosine
 * similarity to those already picked (score = uncertainty − diversity × similarity), so that near-identical images
 * do not come in a row. Vectors are unit length, so their dot product is their cosine. Costs limit × candidates dot
 * products.
 */
export function diverseOrder(uncertainty: ArrayLike<number>, vectors: readonly Float32Array[], diversity: number, limit: number): QueuePick[] {
  const count = vectors.length
  const similarity = new Float64Array(count)
  const taken = new Uint8Array(count)
  const picked: QueuePick[] = []
  while (picked.length < Math.min(limit, count)) {
    let best = -1
    let bestScore = -Infinity
    for (let i = 0; i < count; i++) {
      if (taken[i]) continue
      const score = uncertainty[i]! - diversity * Math.max(0, similarity[i]!)
      if (score > bestScore) {
        bestScore = score
        best = i
      }
    }
    if (best < 0) break
    taken[best] = 1
    picked.push({ index: best, similarity: similarity[best]! })
    const chosen = vectors[best]!
    for (let i = 0; i < count; i++) {
      if (taken[i]) continue
      const other = vectors[i]!
      let dot = 0
      for (let k = 0; k < chosen.length; k++) dot += chosen[k]! * other[k]!
      if (dot > similarity[i]!) similarity[i] = dot
    }
  }
  return picked
}
