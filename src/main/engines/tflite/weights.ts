import { TfliteConversionError } from './errors'
import type { TfliteModel, TfliteTensor } from './schema'
import { TensorType, tensorTypeName } from './vocabulary'

/**
 * Constant tensors (kernels, biases) → TensorFlow.js weights. A per-tensor uint8 kernel keeps its bytes and becomes a
 * TF.js uint8-quantized weight: TF.js computes q × scale + min, which with min = −zero_point × scale is exactly
 * TFLite's scale × (q − zero_point). Anything else (int8, per-channel scales, int32 biases, float32) is dequantized to
 * float32, since TF.js quantization has one scale per weight and no signed 8-bit form.
 */

export interface StoredWeight {
  /** Name within its layer: 'kernel', 'depthwise_kernel' or 'bias'. */
  name: string
  /** Keras shape. */
  shape: number[]
  bytes: Uint8Array
  quantization?: { dtype: 'uint8'; scale: number; min: number }
}

const ELEMENT_BYTES: Readonly<Record<number, number>> = {
  [TensorType.FLOAT32]: 4,
  [TensorType.INT32]: 4,
  [TensorType.UINT8]: 1,
  [TensorType.INT8]: 1,
}

/** A CONV_2D filter [out, h, w, in] as a Keras Conv2D kernel [h, w, in, out]. */
export function convKernel(model: TfliteModel, index: number): StoredWeight {
  const { tensor, data } = constant(model, index)
  const [out, h, w, input] = tensor.shape as [number, number, number, number]
  const shape = [h, w, input, out]
  const perTensorUint8 = tensor.type === TensorType.UINT8 && tensor.quantization?.scale.length === 1
  if (perTensorUint8) {
    return { name: 'kernel', shape, bytes: ohwiToHwio(data, tensor.shape, new Uint8Array(data.length)), quantization: uint8Quantization(tensor) }
  }
  const values = realValues(tensor, data)
  return { name: 'kernel', shape, bytes: float32Bytes(ohwiToHwio(values, tensor.shape, new Float32Array(values.length))) }
}

/**
 * A DEPTHWISE_CONV_2D filter [1, h, w, channels × multiplier] as a Keras depthwise kernel [h, w, channels, multiplier]:
 * TFLite's last axis runs channel-major, multiplier-minor, so the element order is already Keras's.
 */
export function depthwiseKernel(model: TfliteModel, index: number, multiplier: number): StoredWeight {
  const { tensor, data } = constant(model, index)
  const [, h, w, total] = tensor.shape as [number, number, number, number]
  const shape = [h, w, total / multiplier, multiplier]
  if (tensor.type === TensorType.UINT8 && tensor.quantization?.scale.length === 1) {
    return { name: 'depthwise_kernel', shape, bytes: data, quantization: uint8Quantization(tensor) }
  }
  return { name: 'depthwise_kernel', shape, bytes: float32Bytes(realValues(tensor, data)) }
}

export function bias(model: TfliteModel, index: number): StoredWeight {
  const { tensor, data } = constant(model, index)
  return { name: 'bias', shape: [tensor.shape.reduce((a, b) => a * b, 1)], bytes: float32Bytes(realValues(tensor, data)) }
}

/** A constant int32 tensor's values (e.g. MEAN's axes). */
export function int32Values(model: TfliteModel, index: number): number[] {
  const { tensor, data } = constant(model, index)
  if (tensor.type !== TensorType.INT32) throw new TfliteConversionError(`tensor "${tensor.name}" should be int32, it is ${tensorTypeName(tensor.type)}`)
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  return Array.from({ length: data.byteLength / 4 }, (_, i) => view.getInt32(i * 4, true))
}

function constant(model: TfliteModel, index: number): { tensor: TfliteTensor; data: Uint8Array } {
  const tensor = model.tensors[index]
  if (!tensor) throw new TfliteConversionError(`an operator needs a constant input that is missing`)
  const width = ELEMENT_BYTES[tensor.type]
  if (!width) throw new TfliteConversionError(`tensor "${tensor.name}" holds ${tensorTypeName(tensor.type)} values, which the converter does not read`)
  const data = model.bufferData(tensor.buffer)
  const expected = tensor.shape.reduce((a, b) => a * b, 1) * width
  if (data.byteLength === 0) throw new TfliteConversionError(`tensor "${tensor.name}" should be a constant (weights), but it has no data`)
  if (data.byteLength !== expected) {
    throw new TfliteConversionError(`tensor "${tensor.name}" has ${data.byteLength} bytes of data; its shape [${tensor.shape.join(', ')}] needs ${expected}`)
  }
  return { tensor, data }
}

function uint8Quantization(tensor: TfliteTensor): StoredWeight['quantization'] {
  const scale = tensor.quantization!.scale[0]!
  return { dtype: 'uint8', scale, min: -(tensor.quantization!.zeroPoint[0] ?? 0) * scale }
}

/** real = scale × (q − zero_point), with one scale and zero point per slice along the quantized axis when there are several. */
function realValues(tensor: TfliteTensor, data: Uint8Array): Float32Array {
  const count = data.byteLength / ELEMENT_BYTES[tensor.type]!
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const values = new Float32Array(count)
  if (tensor.type === TensorType.FLOAT32) {
    for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true)
    return values
  }
  const read =
    tensor.type === TensorType.UINT8 ? (i: number) => data[i]! : tensor.type === TensorType.INT8 ? (i: number) => view.getInt8(i) : (i: number) => view.getInt32(i * 4, true)
  const quantization = tensor.quantization
  if (!quantization) throw new TfliteConversionError(`tensor "${tensor.name}" holds ${tensorTypeName(tensor.type)} values without a quantization scale`)
  const { scale, zeroPoint, axis } = quantization
  const channels = scale.length === 1 ? 1 : (tensor.shape[axis] ?? 0)
  if (scale.length !== channels) {
    throw new TfliteConversionError(`tensor "${tensor.name}" has ${scale.length} quantization scales for ${channels} slices along axis ${axis}`)
  }
  const inner = tensor.shape.slice(axis + 1).reduce((a, b) => a * b, 1)
  for (let i = 0; i < count; i++) {
    const channel = channels === 1 ? 0 : Math.floor(i / inner) % channels
    values[i] = scale[channel]! * (read(i) - (zeroPoint[channel] ?? zeroPoint[0] ?? 0))
  }
  return values
}

function ohwiToHwio<T extends Uint8Array | Float32Array>(source: T, [out, h, w, input]: number[], target: T): T {
  const plane = h! * w! * input!
  for (let o = 0; o < out!; o++) {
    for (let p = 0; p < plane; p++) target[p * out! + o] = source[o * plane + p]!
  }
  return target
}

function float32Bytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
}
