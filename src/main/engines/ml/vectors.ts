/** Small helpers on embedding vectors (the engine's vectors are already L2-normalised, so cosine = dot product). */

export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`vectors differ in length (${a.length} vs ${b.length})`)
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number)
  return sum
}

export function l2Norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a))
}

export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  const denominator = l2Norm(a) * l2Norm(b)
  return denominator === 0 ? 0 : dot(a, b) / denominator
}
