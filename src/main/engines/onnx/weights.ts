import { ConversionError } from './errors'

/**
 * Decoding a TensorFlow.js weights manifest into float32 arrays. Weights stored quantized (`quantization` on an
 * entry: uint8 or uint16 with `scale` and `min`, or float16) are dequantized the way TensorFlow.js does when it loads
 * them: value = stored × scale + min.
 */

export interface WeightSpec {
  name: string
  shape: number[]
  dtype: string
  quantization?: { dtype: string; scale?: number; min?: number }
}

export interface WeightsGroup {
  paths: string[]
  weights: WeightSpec[]
}

export interface DecodedWeight {
  shape: number[]
  values: Float32Array
}

const STORED_BYTES: Record<string, number> = { float32: 4, int32: 4, uint8: 1, uint16: 2, float16: 2 }

/** `data`: the weight files of all groups, concatenated in manifest order (what TensorFlow.js reads as one buffer). */
export function decodeWeights(groups: readonly WeightsGroup[], data: Uint8Array): Map<string, DecodedWeight> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const decoded = new Map<string, DecodedWeight>()
  let offset = 0
  for (const spec of groups.flatMap((group) => group.weights)) {
    const count = spec.shape.reduce((product, size) => product * size, 1)
    const stored = spec.quantization?.dtype ?? spec.dtype
    const width = STORED_BYTES[stored]
    if (!width) throw new ConversionError(`weight "${spec.name}" is stored as ${stored}, which this converter does not read`)
    if (offset + count * width > data.byteLength) {
      throw new ConversionError(`the weight files end before weight "${spec.name}" (${data.byteLength} bytes)`)
    }
    const values = new Float32Array(count)
    const scale = spec.quantization?.scale ?? 1
    const min = spec.quantization?.min ?? 0
    for (let i = 0; i < count; i++) {
      const at = offset + i * width
      switch (stored) {
        case 'float32':
          values[i] = view.getFloat32(at, true)
          break
        case 'int32':
          values[i] = view.getInt32(at, true)
          break
        case 'uint8':
          values[i] = view.getUint8(at) * scale + min
          break
        case 'uint16':
          values[i] = view.getUint16(at, true) * scale + min
          break
        case 'float16':
          values[i] = halfToFloat(view.getUint16(at, true))
          break
      }
    }
    offset += count * width
    decoded.set(spec.name, { shape: spec.shape, values })
  }
  return decoded
}

/** IEEE 754 half precision bits → number. */
function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exponent = (bits >> 10) & 0x1f
  const fraction = bits & 0x3ff
  if (exponent === 0) return sign * fraction * 2 ** -24
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15)
}
