/**
 * Feature maps kept as IEEE 754 half-precision floats (16 bits). Training caches every training picture's maps in
 * every flip for the whole run: at 320 px that is 2.4 MB a sample in 32-bit floats, so a thousand pictures (five
 * samples each) would hold 12 GB. The backbone's activations are ReLU outputs of a few units at most, where half
 * precision's 11 significant bits (a relative error of 2⁻¹¹ at most) are far finer than anything the head learns from.
 * Node 20 has no Float16Array, hence the bit work; a batch is widened back to 32 bits when it is stacked for the head.
 */

const single = new Float32Array(1)
const singleBits = new Uint32Array(single.buffer)

/** `values` rounded to the nearest half-precision float (ties to even), as their bit patterns. */
export function toHalf(values: Float32Array): Uint16Array {
  const halves = new Uint16Array(values.length)
  for (let i = 0; i < values.length; i++) halves[i] = halfBits(values[i]!)
  return halves
}

/** Writes `halves` widened to 32-bit floats into `into` from `offset` on (exactly: every half is a single too). */
export function fromHalf(halves: Uint16Array, into: Float32Array, offset = 0): void {
  const table = widening()
  for (let i = 0; i < halves.length; i++) into[offset + i] = table[halves[i]!]!
}

function halfBits(value: number): number {
  single[0] = value
  const bits = singleBits[0]!
  const sign = (bits >>> 16) & 0x8000
  const exponent = (bits >>> 23) & 0xff
  const mantissa = bits & 0x7fffff
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 : 0)
  const halfExponent = exponent - 127 + 15
  if (halfExponent >= 0x1f) return sign | 0x7c00
  if (halfExponent <= 0) {
    // Below half's smallest normal: a subnormal m × 2⁻²⁴, the implicit leading bit made explicit first.
    if (halfExponent < -10) return sign
    return sign | roundedShift(mantissa | 0x800000, 14 - halfExponent)
  }
  // A carry out of the mantissa moves into the exponent, which is the right rounding (up to infinity).
  return sign | ((halfExponent << 10) + roundedShift(mantissa, 13))
}

/** `value >> shift`, rounded to nearest with ties to even. */
function roundedShift(value: number, shift: number): number {
  const kept = value >>> shift
  const rest = value & ((1 << shift) - 1)
  const half = 1 << (shift - 1)
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept
}

let table: Float32Array | null = null

/** Every half's value, indexed by its bits: 256 kB, made once. */
function widening(): Float32Array {
  if (table) return table
  table = new Float32Array(0x10000)
  for (let bits = 0; bits < 0x10000; bits++) {
    const sign = bits & 0x8000 ? -1 : 1
    const exponent = (bits >>> 10) & 0x1f
    const mantissa = bits & 0x3ff
    if (exponent === 0) table[bits] = sign * mantissa * 2 ** -24
    else if (exponent === 0x1f) table[bits] = mantissa !== 0 ? Number.NaN : sign * Number.POSITIVE_INFINITY
    else table[bits] = sign * (1 + mantissa / 1024) * 2 ** (exponent - 15)
  }
  return table
}
