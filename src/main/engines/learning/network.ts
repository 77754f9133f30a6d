import type { Random } from './random'

/**
 * The classifier head as plain data: dense layers on a backbone's embedding, ReLU between them and softmax at the end.
 * A kernel is `inputs × units`, row-major: the layout of a Keras/TensorFlow.js Dense kernel, so exporting to a
 * TF.js layers model copies the numbers as they are. Shared by the main side (catalogue, export) and the worker.
 */

export type Activation = 'relu' | 'softmax'

export interface DenseLayer {
  inputs: number
  units: number
  activation: Activation
  /** inputs × units, row-major. */
  kernel: Float32Array
  bias: Float32Array
}

export interface Network {
  layers: DenseLayer[]
}

export function inputSize(network: Network): number {
  return network.layers[0]?.inputs ?? 0
}

export function classCount(network: Network): number {
  return network.layers.at(-1)?.units ?? 0
}

/** Glorot-uniform kernels and zero biases (the Keras Dense defaults). `hiddenUnits` 0: a linear softmax classifier. */
export function initialNetwork(inputs: number, hiddenUnits: number, classes: number, random: Random): Network {
  const sizes = hiddenUnits > 0 ? [inputs, hiddenUnits, classes] : [inputs, classes]
  const layers: DenseLayer[] = []
  for (let index = 1; index < sizes.length; index++) {
    const fanIn = sizes[index - 1]!
    const fanOut = sizes[index]!
    const limit = Math.sqrt(6 / (fanIn + fanOut))
    const kernel = new Float32Array(fanIn * fanOut)
    for (let i = 0; i < kernel.length; i++) kernel[i] = (random.next() * 2 - 1) * limit
    layers.push({
      inputs: fanIn,
      units: fanOut,
      activation: index === sizes.length - 1 ? 'softmax' : 'relu',
      kernel,
      bias: new Float32Array(fanOut),
    })
  }
  return { layers }
}

export function cloneNetwork(network: Network): Network {
  return { layers: network.layers.map((layer) => ({ ...layer, kernel: layer.kernel.slice(), bias: layer.bias.slice() })) }
}

/** `out` (rows × units) = x (rows × inputs) · kernel + bias, in plain JavaScript. */
export function denseJs(x: Float32Array, rows: number, layer: DenseLayer, out: Float32Array = new Float32Array(rows * layer.units)): Float32Array {
  const { inputs, units, kernel, bias } = layer
  for (let r = 0; r < rows; r++) {
    const o = r * units
    out.set(bias, o)
    const xo = r * inputs
    for (let k = 0; k < inputs; k++) {
      const value = x[xo + k]!
      if (value === 0) continue
      const ko = k * units
      for (let j = 0; j < units; j++) out[o + j]! += value * kernel[ko + j]!
    }
  }
  return out
}

export function reluInPlace(values: Float32Array): void {
  for (let i = 0; i < values.length; i++) if (values[i]! < 0) values[i] = 0
}

/** Row-wise softmax, in place, numerically stable. */
export function softmaxInPlace(values: Float32Array, rows: number, columns: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * columns
    let max = -Infinity
    for (let c = 0; c < columns; c++) max = Math.max(max, values[o + c]!)
    let sum = 0
    for (let c = 0; c < columns; c++) {
      const e = Math.exp(values[o + c]! - max)
      values[o + c] = e
      sum += e
    }
    for (let c = 0; c < columns; c++) values[o + c]! /= sum
  }
}

// Serialisation for the catalogue: a little JSON header (architecture) then the float32 parameters in layer order,
// kernel before bias. Little-endian, as TF.js weight files are.

const MAGIC = 'LOUPE-MLP-1'

export function encodeNetwork(network: Network): Buffer {
  const header = Buffer.from(
    JSON.stringify({ magic: MAGIC, layers: network.layers.map(({ inputs, units, activation }) => ({ inputs, units, activation })) }),
    'utf8',
  )
  const floats = network.layers.reduce((sum, layer) => sum + layer.kernel.length + layer.bias.length, 0)
  const out = Buffer.alloc(4 + header.length + floats * 4)
  out.writeUInt32LE(header.length, 0)
  header.copy(out, 4)
  let offset = 4 + header.length
  for (const layer of network.layers) {
    for (const part of [layer.kernel, layer.bias]) {
      for (let i = 0; i < part.length; i++) {
        out.writeFloatLE(part[i]!, offset)
        offset += 4
      }
    }
  }
  return out
}

export function decodeNetwork(bytes: Uint8Array): Network {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = buffer.readUInt32LE(0)
  const header = JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8')) as {
    magic: string
    layers: { inputs: number; units: number; activation: Activation }[]
  }
  if (header.magic !== MAGIC) throw new Error('not a Loupe classifier weight blob')
  let offset = 4 + headerLength
  const read = (count: number): Float32Array => {
    const values = new Float32Array(count)
    for (let i = 0; i < count; i++) {
      values[i] = buffer.readFloatLE(offset)
      offset += 4
    }
    return values
  }
  const layers = header.layers.map((shape) => ({ ...shape, kernel: read(shape.inputs * shape.units), bias: read(shape.units) }))
  if (offset !== buffer.length) throw new Error('classifier weight blob has the wrong length')
  return { layers }
}
