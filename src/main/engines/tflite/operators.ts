import type { Table } from './flatbuffers'
import { reshape, sameShape, size, unsupported, type KerasLayer, type LayerGraph } from './graph'
import type { TfliteOperator } from './schema'
import { activationOf, Op, operatorName, Options, PADDING } from './vocabulary'
import { bias, convKernel, depthwiseKernel, int32Values, type StoredWeight } from './weights'

/**
 * One TFLite operator → Keras layers. Layers are named after the operator's kind and its 1-based position in the
 * file (conv_1, add_10, pool_28), so the names are stable for a given file and readable beside a graph viewer.
 */

const TRANSLATIONS: Readonly<Record<number, (graph: LayerGraph, op: TfliteOperator) => void>> = {
  [Op.CONV_2D]: convolution,
  [Op.DEPTHWISE_CONV_2D]: convolution,
  [Op.ADD]: add,
  [Op.AVERAGE_POOL_2D]: averagePool,
  [Op.MEAN]: mean,
  [Op.RESHAPE]: reshapeOp,
  [Op.SQUEEZE]: reshapeOp,
}

export const SUPPORTED = Object.keys(TRANSLATIONS).map((code) => operatorName(Number(code)))

/** False when the converter has no translation for the operator. */
export function translate(graph: LayerGraph, op: TfliteOperator): boolean {
  const translation = TRANSLATIONS[op.code]
  if (!translation) return false
  if (op.outputs.length !== 1 || op.outputs[0]! < 0) throw unsupported(op, `it has ${op.outputs.length} outputs where one is expected`)
  translation(graph, op)
  return true
}

const INITIALIZER = { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } }

function convolution(graph: LayerGraph, op: TfliteOperator): void {
  const depthwise = op.code === Op.DEPTHWISE_CONV_2D
  const name = `conv_${op.index + 1}`
  const options = optionsOf(op, depthwise ? Options.DepthwiseConv2D : Options.Conv2D)
  const x = graph.image(op, 0, name)
  const [height, width, channels] = x.shape as [number, number, number]
  const filter = graph.model.tensors[op.inputs[1] ?? -1]
  if (!filter || filter.shape.length !== 4) throw unsupported(op, 'its filter is not a 4-d tensor')
  const [, kh, kw] = filter.shape as [number, number, number, number]
  const strides = [options.int32(2, 0), options.int32(1, 0)]
  // Field positions differ: depthwise options carry depth_multiplier before the activation.
  const at = depthwise ? 1 : 0
  const dilation = [options.int32(5 + at, 1), options.int32(4 + at, 1)]
  const padding = PADDING[options.int8(0, 0)]
  const activation = kerasActivation(op, options.int8(3 + at, 0))
  if (!padding) throw unsupported(op, `unknown padding ${options.int8(0, 0)}`)
  const strided = strides.some((value) => value > 1)
  const dilated = dilation.some((value) => value > 1)
  // Keras (and TF.js) refuse a convolution that is both strided and dilated.
  if ([...strides, ...dilation].some((value) => value < 1) || (strided && dilated)) {
    throw unsupported(op, `strides ${strides.join('×')} with dilation ${dilation.join('×')}`)
  }

  let filters: number
  const weights: StoredWeight[] = []
  if (depthwise) {
    // The multiplier follows from the shapes; the options' depth_multiplier field is not reliably filled in.
    const total = filter.shape[3]!
    const multiplier = total / channels
    if (!Number.isInteger(multiplier) || multiplier < 1) throw unsupported(op, `${total} filter channels for ${channels} input channels`)
    filters = total
    weights.push(depthwiseKernel(graph.model, op.inputs[1]!, multiplier))
  } else {
    if (filter.shape[3] !== channels) throw unsupported(op, `its filter expects ${filter.shape[3]} input channels, the input has ${channels}`)
    filters = filter.shape[0]!
    weights.push(convKernel(graph.model, op.inputs[1]!))
  }
  const useBias = (op.inputs[2] ?? -1) >= 0
  if (useBias) {
    const added = bias(graph.model, op.inputs[2]!)
    if (added.shape[0] !== filters) throw unsupported(op, `${added.shape[0]} biases for ${filters} output channels`)
    weights.push(added)
  }

  const shape = [
    outputSize(height, kh, strides[0]!, dilation[0]!, padding),
    outputSize(width, kw, strides[1]!, dilation[1]!, padding),
    filters,
  ]
  checkOutput(graph, op, shape)
  const common = {
    kernel_size: [kh, kw],
    strides,
    padding,
    data_format: 'channels_last',
    dilation_rate: dilation,
    activation,
    use_bias: useBias,
    bias_initializer: { class_name: 'Zeros', config: {} },
    bias_regularizer: null,
    activity_regularizer: null,
    bias_constraint: null,
    trainable: true,
  }
  const config = depthwise
    ? { ...common, depth_multiplier: filters / channels, depthwise_initializer: INITIALIZER, depthwise_regularizer: null, depthwise_constraint: null }
    : { filters, kernel_initializer: INITIALIZER, kernel_regularizer: null, kernel_constraint: null, ...common }
  const stride = x.stride === null ? null : x.stride * strides[0]!
  const layer = graph.add({ name, className: depthwise ? 'DepthwiseConv2D' : 'Conv2D', config, inbound: [x], weights, shape, stride })
  graph.bind(op.outputs[0]!, layer)
}

function add(graph: LayerGraph, op: TfliteOperator): void {
  const name = `add_${op.index + 1}`
  const a = graph.input(op, 0)
  const b = graph.input(op, 1)
  if (!sameShape(a.shape, b.shape)) throw unsupported(op, `it broadcasts [${a.shape.join(', ')}] with [${b.shape.join(', ')}]`)
  const options = op.options ? optionsOf(op, Options.Add) : null
  const stride = a.stride === b.stride ? a.stride : null
  const sum = graph.add({ name, className: 'Add', config: { trainable: true }, inbound: [a, b], shape: a.shape, stride })
  graph.bind(op.outputs[0]!, withActivation(graph, op, sum, options?.int8(0, 0) ?? 0))
}

function averagePool(graph: LayerGraph, op: TfliteOperator): void {
  const name = `pool_${op.index + 1}`
  const options = optionsOf(op, Options.Pool2D)
  const x = graph.image(op, 0, name)
  const [height, width, channels] = x.shape as [number, number, number]
  const padding = PADDING[options.int8(0, 0)]
  const strides = [options.int32(2, 0), options.int32(1, 0)]
  const size = [options.int32(4, 0), options.int32(3, 0)]
  if (!padding) throw unsupported(op, `unknown padding ${options.int8(0, 0)}`)
  if ([...strides, ...size].some((value) => value < 1)) throw unsupported(op, `window ${size.join('×')}, strides ${strides.join('×')}`)
  let pooled: KerasLayer
  if (size[0] === height && size[1] === width && (padding === 'valid' || (strides[0]! >= height && strides[1]! >= width))) {
    pooled = graph.add({ name, className: 'GlobalAveragePooling2D', config: { data_format: 'channels_last', trainable: true }, inbound: [x], shape: [channels], stride: null })
  } else {
    const shape = [outputSize(height, size[0]!, strides[0]!, 1, padding), outputSize(width, size[1]!, strides[1]!, 1, padding), channels]
    checkOutput(graph, op, shape)
    const config = { pool_size: size, padding, strides, data_format: 'channels_last', trainable: true }
    const stride = x.stride === null ? null : x.stride * strides[0]!
    pooled = graph.add({ name, className: 'AveragePooling2D', config, inbound: [x], shape, stride })
  }
  graph.bind(op.outputs[0]!, withActivation(graph, op, pooled, options.int8(5, 0)))
}

/** MEAN over height and width is a global average pool; other reductions are not translated. */
function mean(graph: LayerGraph, op: TfliteOperator): void {
  const name = `mean_${op.index + 1}`
  const x = graph.image(op, 0, name)
  const axes = new Set(int32Values(graph.model, op.inputs[1] ?? -1).map((axis) => (axis < 0 ? axis + 4 : axis)))
  if (axes.size !== 2 || !axes.has(1) || !axes.has(2)) throw unsupported(op, `it averages over axes ${[...axes].join(', ')}; only height and width (1, 2) are supported`)
  const config = { data_format: 'channels_last', trainable: true }
  const pooled = graph.add({ name, className: 'GlobalAveragePooling2D', config, inbound: [x], shape: [x.shape[2]!], stride: null })
  graph.bind(op.outputs[0]!, pooled)
}

/** RESHAPE and SQUEEZE: the output tensor's shape is the target. A no-op for Keras (e.g. [1, 1, C] → [C] after a pool) adds no layer. */
function reshapeOp(graph: LayerGraph, op: TfliteOperator): void {
  const x = graph.input(op, 0)
  const [batch, ...target] = graph.model.tensors[op.outputs[0]!]!.shape
  if (batch !== 1) throw unsupported(op, `its output does not keep the batch axis first`)
  if (sameShape(x.shape, target)) {
    graph.bind(op.outputs[0]!, x)
    return
  }
  if (size(x.shape) !== size(target)) throw unsupported(op, `[${x.shape.join(', ')}] has a different size from [${target.join(', ')}]`)
  graph.bind(op.outputs[0]!, graph.add(reshape(`reshape_${op.index + 1}`, x, target)))
}

function optionsOf(op: TfliteOperator, type: number): Table {
  if (!op.options || op.optionsType !== type) throw unsupported(op, 'its options are missing or of the wrong kind')
  return op.options
}

function kerasActivation(op: TfliteOperator, type: number): string {
  const activation = activationOf(type)
  if (!activation.keras) throw unsupported(op, `its fused activation ${activation.name} is not supported (NONE, RELU and RELU6 are)`)
  return activation.keras
}

/** Operators without an activation argument in Keras get their fused activation as a layer of its own. */
function withActivation(graph: LayerGraph, op: TfliteOperator, layer: KerasLayer, type: number): KerasLayer {
  const activation = kerasActivation(op, type)
  if (activation === 'linear') return layer
  return graph.add({
    name: `${layer.name}_${activation}`,
    className: 'Activation',
    config: { activation, trainable: true },
    inbound: [layer],
    shape: layer.shape,
    stride: layer.stride,
  })
}

/** Keras's (and TFLite's) output size: 'same' pads to ceil(size / stride), 'valid' keeps whole windows. */
function outputSize(size: number, kernel: number, stride: number, dilation: number, padding: 'same' | 'valid'): number {
  if (padding === 'same') return Math.ceil(size / stride)
  return Math.ceil((size - (kernel - 1) * dilation) / stride)
}

/** The layer must give the shape the file says its tensor has; a mismatch means the translation would compute something else. */
function checkOutput(graph: LayerGraph, op: TfliteOperator, shape: number[]): void {
  const expected = graph.model.tensors[op.outputs[0] ?? -1]?.shape.slice(1) ?? []
  if (!sameShape(shape, expected)) throw unsupported(op, `it would give [${shape.join(', ')}] where the file says [${expected.join(', ')}]`)
}
