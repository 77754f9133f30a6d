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

/** Rows of an n × dimension matrix, each L2-normalised, in a Float32Array owning its buffer (so it can be transferred). */
export function normaliseRows(values: Float32Array, n: number, dimension: number): Float32Array {
  const out = new Float32Array(n * dimension)
  for (let row = 0; row < n; row++) {
    const start = row * dimension
    let sum = 0
    for (let i = 0; i < dimension; i++) sum += (values[start + i] as number) ** 2
    const scale = 1 / Math.max(Math.sqrt(sum), 1e-12)
    for (let i = 0; i < dimension; i++) out[start + i] = (values[start + i] as number) * scale
  }
  return out
}

/** A Float32Array that owns its whole ArrayBuffer, so the buffer can be transferred (a view is copied). */
export function ownFloat32(values: Float32Array): Float32Array {
  if (values.byteOffset === 0 && values.byteLength === values.buffer.byteLength && values.buffer instanceof ArrayBuffer) return values
  return values.slice()
}
