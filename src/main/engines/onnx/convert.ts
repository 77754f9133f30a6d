import { ConversionError } from './errors'
import { encodeModel, type Attribute, type Initializer, type NodeSpec, type ValueSpec } from './proto'
import type { DecodedWeight } from './weights'

/**
 * TensorFlow.js layers model (model.json topology + decoded weights) → ONNX ModelProto bytes.
 *
 * Layout: the graph takes the image as NHWC (batch × H × W × 3, like TensorFlow.js), transposes it once to NCHW and
 * runs every convolution, pooling and normalisation in NCHW, onnxruntime's native layout. Layers that depend on the
 * element order (Flatten, Reshape) transpose back to NHWC first, and 4-d outputs are given back as NHWC, so every
 * output has the shape and order TensorFlow.js would give. BatchNormalization is emitted as such: onnxruntime folds it
 * into the preceding convolution when it optimises the graph.
 *
 * Shapes are tracked as Keras sees them (without the batch dimension, channels last) to size reshapes and outputs.
 */

export const CONVERTER_VERSION = 1
const OPSET = 13
const FEATURE_PREFIX = 'feature:'

/** The graph output that carries `layer`'s feature map (see ConvertOptions.features). */
export function featureOutputName(layer: string): string {
  return `${FEATURE_PREFIX}${layer}`
}

/** The layer whose feature map a graph output carries, or null for any other output. */
export function featureLayerOf(output: string): string | null {
  return output.startsWith(FEATURE_PREFIX) ? output.slice(FEATURE_PREFIX.length) : null
}

/** A converted layer: its class and its output's Keras shape without the batch dimension. */
export interface LayerInfo {
  name: string
  className: string
  shape: readonly number[]
}

export interface ConvertOptions {
  /** The embedding: a layer's output (null: the model's output), then average pooling over H and W, or flattening. */
  embedding: { output: string | null; pooling: 'avg' | 'none' }
  /**
   * Layers whose outputs become extra graph outputs, named `feature:<layer>` (4-d maps in NHWC). A function is given
   * every converted layer in graph order, for callers that choose layers by their output shapes (or check names)
   * without converting twice.
   */
  features?: readonly string[] | ((layers: readonly LayerInfo[]) => readonly string[])
}

export interface ConvertedModel {
  onnx: Uint8Array
  /** The image input, NHWC float32. */
  input: string
  /** batch × dimension (not normalised). */
  embeddingOutput: string
  dimension: number
  /** layer name → graph output name and its shape without the batch dimension (Keras order). */
  features: Map<string, { output: string; shape: number[] }>
}

interface Tensor {
  name: string
  /** Keras shape without batch; a rank-3 tensor [H, W, C] is held as NCHW in the graph. */
  shape: number[]
}

type LayerJson = { class_name: string; name?: string; config: Record<string, unknown>; inbound_nodes?: unknown[] }

export function convertLayersModel(topology: unknown, weights: ReadonlyMap<string, DecodedWeight>, options: ConvertOptions): ConvertedModel {
  const builder = new GraphBuilder(weights)
  const root = topology as LayerJson
  if (!root || typeof root !== 'object' || typeof root.class_name !== 'string') throw new ConversionError('model.json has no model topology')
  const inputShape = findInputShape(root)
  if (!inputShape || inputShape.length !== 3 || inputShape.some((size) => typeof size !== 'number')) {
    throw new ConversionError('the model has no fixed H×W×C image input (batch_input_shape)')
  }
  const [height, width, channels] = inputShape as [number, number, number]
  const inputName = 'image'
  // Graph input and output names are fixed; no layer's tensor may take them (nor any `feature:` name, see unique).
  builder.reserve([inputName, 'embedding'])
  const nchw = builder.node('Transpose', [inputName], 'input_nchw', [{ name: 'perm', ints: [0, 3, 1, 2] }])
  const outputs = builder.model(root, [{ name: nchw, shape: [height, width, channels] }])

  const source = options.embedding.output ? builder.layerOutput(options.embedding.output) : outputs[0]
  if (!source) throw new ConversionError('the model has no output')
  let embedding: Tensor
  if (options.embedding.pooling === 'avg') {
    if (source.shape.length !== 3) throw new ConversionError(`average pooling needs a 4-d feature map; the embedding layer gives rank ${source.shape.length + 1}`)
    embedding = { name: builder.node('ReduceMean', [source.name], 'embedding_pool', [{ name: 'axes', ints: [2, 3] }, { name: 'keepdims', int: 0 }]), shape: [source.shape[2] as number] }
  } else {
    embedding = builder.flatten(source, 'embedding_flatten')
  }
  const embeddingOutput = builder.node('Identity', [embedding.name], 'embedding_out', [], 'embedding')
  const graphOutputs: ValueSpec[] = [{ name: embeddingOutput, dims: ['batch', ...embedding.shape] }]
  const features = new Map<string, { output: string; shape: number[] }>()
  const featureLayers = typeof options.features === 'function' ? options.features(builder.layerInfos) : (options.features ?? [])
  for (const layer of featureLayers) {
    const tensor = builder.layerOutput(layer)
    const output = featureOutputName(layer)
    const nhwc = tensor.shape.length === 3 ? builder.node('Transpose', [tensor.name], `${layer}_nhwc`, [{ name: 'perm', ints: [0, 2, 3, 1] }]) : tensor.name
    builder.node('Identity', [nhwc], `${layer}_feature`, [], output)
    graphOutputs.push({ name: output, dims: ['batch', ...tensor.shape] })
    features.set(layer, { output, shape: tensor.shape })
  }

  const onnx = encodeModel(
    {
      name: modelName(root),
      nodes: builder.nodes,
      initializers: builder.initializers,
      inputs: [{ name: inputName, dims: ['batch', height, width, channels] }],
      outputs: graphOutputs,
    },
    { opset: OPSET, producer: 'loupe', producerVersion: String(CONVERTER_VERSION) },
  )
  return { onnx, input: inputName, embeddingOutput, dimension: product(embedding.shape), features }
}

class GraphBuilder {
  readonly nodes: NodeSpec[] = []
  readonly initializers: Initializer[] = []
  private readonly used = new Set<string>()
  private readonly layers = new Map<string, Tensor>()
  readonly layerInfos: LayerInfo[] = []
  private readonly weightsBySuffix = new Map<string, DecodedWeight>()

  constructor(private readonly weights: ReadonlyMap<string, DecodedWeight>) {
    for (const [name, weight] of weights) {
      // Weights of a nested model may carry its name as a prefix ("model2/Conv1/kernel"); index every suffix of two+ parts.
      const parts = name.split('/')
      for (let start = 1; start <= parts.length - 2; start++) {
        const suffix = parts.slice(start).join('/')
        if (!this.weightsBySuffix.has(suffix)) this.weightsBySuffix.set(suffix, weight)
      }
    }
  }

  reserve(names: readonly string[]): void {
    for (const name of names) this.used.add(name)
  }

  private unique(base: string): string {
    // `feature:` names are kept for the feature outputs, which are chosen after the layers are converted.
    const stem = base.startsWith(FEATURE_PREFIX) ? `_${base}` : base
    let name = stem
    for (let n = 2; this.used.has(name); n++) name = `${stem}_${n}`
    this.used.add(name)
    return name
  }

  /** Adds a node with one output and returns that output's name. */
  node(op: string, inputs: string[], name: string, attributes: Attribute[] = [], output?: string): string {
    const out = output ?? this.unique(name)
    this.nodes.push({ op, inputs, outputs: [out], name: this.unique(`${name}/${op}`), attributes })
    return out
  }

  constant(name: string, dims: number[], data: Float32Array | { int64: number[] }): string {
    const unique = this.unique(name)
    this.initializers.push({ name: unique, dims, data })
    return unique
  }

  layerOutput(name: string): Tensor {
    const tensor = this.layers.get(name)
    if (!tensor) throw new ConversionError(`the model has no layer named "${name}"`)
    return tensor
  }

  weight(layer: string, name: string, className: string): DecodedWeight {
    const key = `${layer}/${name}`
    const found = this.weights.get(key) ?? this.weightsBySuffix.get(key)
    if (!found) throw new ConversionError(`layer "${layer}" (${className}) has no weight "${key}" in the weights manifest`, { name: layer, className })
    return found
  }

  /** Converts a Functional/Model or Sequential and returns its outputs. */
  model(json: LayerJson, inputs: Tensor[]): Tensor[] {
    if (json.class_name === 'Sequential') return this.sequential(json, inputs)
    if (json.class_name === 'Model' || json.class_name === 'Functional') return this.functional(json, inputs)
    throw new ConversionError(`the model's top level is a ${json.class_name}, not a Model or Sequential`)
  }

  private sequential(json: LayerJson, inputs: Tensor[]): Tensor[] {
    const config = json.config as unknown as { layers?: LayerJson[] } | LayerJson[]
    const layers = Array.isArray(config) ? config : (config.layers ?? [])
    let current = inputs[0] as Tensor
    for (const layer of layers) {
      if (layer.class_name === 'InputLayer') continue
      current = this.layer(layer, [current])
    }
    return [current]
  }

  private functional(json: LayerJson, inputs: Tensor[]): Tensor[] {
    const config = json.config as { layers: LayerJson[]; input_layers: unknown[]; output_layers: unknown[] }
    const tensors = new Map<string, Tensor>()
    const inputLayers = config.input_layers as Array<[string, number, number]>
    if (inputLayers.length !== inputs.length) {
      throw new ConversionError(`model "${modelName(json)}" takes ${inputLayers.length} inputs; only single-input models are converted`)
    }
    inputLayers.forEach(([name], index) => tensors.set(`${name}:0:0`, inputs[index] as Tensor))
    for (const layer of config.layers) {
      const name = layerName(layer)
      if (layer.class_name === 'InputLayer') continue
      const nodes = (layer.inbound_nodes ?? []) as unknown[]
      if (nodes.length !== 1) {
        throw new ConversionError(`layer "${name}" (${layer.class_name}) is called ${nodes.length} times; shared layers are not converted`, {
          name,
          className: layer.class_name,
        })
      }
      const refs = nodes[0]
      if (!Array.isArray(refs)) throw new ConversionError(`layer "${name}" has inbound nodes in a format this converter does not read`)
      const layerInputs = refs.map((ref) => {
        const [from, node, index] = ref as [string, number, number]
        const tensor = tensors.get(`${from}:${node}:${index}`)
        if (!tensor) throw new ConversionError(`layer "${name}" reads "${from}" before it is computed`)
        return tensor
      })
      tensors.set(`${name}:0:0`, this.layer(layer, layerInputs))
    }
    return (config.output_layers as Array<[string, number, number]>).map(([name, node, index]) => {
      const tensor = tensors.get(`${name}:${node}:${index}`)
      if (!tensor) throw new ConversionError(`the output "${name}" of model "${modelName(json)}" is never computed`)
      return tensor
    })
  }

  private layer(json: LayerJson, inputs: Tensor[]): Tensor {
    const name = layerName(json)
    const output = this.convertLayer(json, name, inputs)
    if (!this.layers.has(name)) {
      this.layers.set(name, output)
      this.layerInfos.push({ name, className: json.class_name, shape: output.shape })
    }
    return output
  }

  private convertLayer(json: LayerJson, name: string, inputs: Tensor[]): Tensor {
    const c = json.config
    const kind = json.class_name
    const refuse = (why: string): never => {
      throw new ConversionError(`layer "${name}" (${kind}) cannot be converted to ONNX: ${why}`, { name, className: kind })
    }
    const x = inputs[0] as Tensor
    const needImage = (): [number, number, number] => {
      if (x.shape.length !== 3) refuse(`it needs a 4-d input, got rank ${x.shape.length + 1}`)
      if (c.data_format !== undefined && c.data_format !== 'channels_last') refuse(`data_format ${String(c.data_format)}`)
      return x.shape as [number, number, number]
    }
    switch (kind) {
      case 'Model':
      case 'Functional':
      case 'Sequential': {
        const outputs = this.model(json, inputs)
        if (outputs.length !== 1) refuse('a nested model with several outputs')
        return outputs[0] as Tensor
      }
      case 'Conv2D':
      case 'DepthwiseConv2D': {
        const [h, w, channels] = needImage()
        const kernelSize = pair(c.kernel_size)
        const strides = pair(c.strides ?? 1)
        const dilations = pair(c.dilation_rate ?? 1)
        const depthwise = kind === 'DepthwiseConv2D'
        const kernel = this.weight(name, depthwise ? 'depthwise_kernel' : 'kernel', kind)
        const [kh, kw, kin, kout] = kernel.shape as [number, number, number, number]
        if (kin !== channels) refuse(`its kernel expects ${kin} input channels, the input has ${channels}`)
        const filters = depthwise ? kin * kout : kout
        const group = depthwise ? kin : Number(c.groups ?? 1)
        if (group !== 1 && !depthwise) refuse('grouped convolution')
        // Keras kernel [kh, kw, in, out] (depthwise: [kh, kw, in, multiplier]) → ONNX [out, in/group, kh, kw].
        const onnxKernel = new Float32Array(kernel.values.length)
        for (let y = 0; y < kh; y++) {
          for (let xx = 0; xx < kw; xx++) {
            for (let i = 0; i < kin; i++) {
              for (let o = 0; o < kout; o++) {
                const from = ((y * kw + xx) * kin + i) * kout + o
                const to = depthwise ? ((i * kout + o) * kh + y) * kw + xx : ((o * kin + i) * kh + y) * kw + xx
                onnxKernel[to] = kernel.values[from] as number
              }
            }
          }
        }
        const conv: string[] = [x.name, this.constant(`${name}/kernel`, [filters, depthwise ? 1 : kin, kh, kw], onnxKernel)]
        if (c.use_bias !== false) conv.push(this.constant(`${name}/bias`, [filters], this.weight(name, 'bias', kind).values))
        const padding = padAttribute(c.padding, refuse)
        const out = this.node('Conv', conv, name, [
          { name: 'kernel_shape', ints: kernelSize },
          { name: 'strides', ints: strides },
          { name: 'dilations', ints: dilations },
          { name: 'group', int: group },
          padding,
        ])
        const size = [convSize(h, kernelSize[0], strides[0], dilations[0], c.padding), convSize(w, kernelSize[1], strides[1], dilations[1], c.padding)]
        return this.activation({ name: out, shape: [size[0] as number, size[1] as number, filters] }, c.activation, name, refuse)
      }
      case 'BatchNormalization': {
        const axis = Number(c.axis ?? -1)
        const rank = x.shape.length + 1
        if (!(axis === -1 || axis === rank - 1)) refuse(`normalisation over axis ${axis}; only the channel axis is converted`)
        if (x.shape.length !== 3 && x.shape.length !== 1) refuse(`rank-${rank} input`)
        const channels = x.shape[x.shape.length - 1] as number
        const gamma = c.scale === false ? new Float32Array(channels).fill(1) : this.weight(name, 'gamma', kind).values
        const beta = c.center === false ? new Float32Array(channels) : this.weight(name, 'beta', kind).values
        const inputs = [
          x.name,
          this.constant(`${name}/gamma`, [channels], gamma),
          this.constant(`${name}/beta`, [channels], beta),
          this.constant(`${name}/moving_mean`, [channels], this.weight(name, 'moving_mean', kind).values),
          this.constant(`${name}/moving_variance`, [channels], this.weight(name, 'moving_variance', kind).values),
        ]
        return { name: this.node('BatchNormalization', inputs, name, [{ name: 'epsilon', float: Number(c.epsilon ?? 1e-3) }]), shape: x.shape }
      }
      case 'ReLU': {
        if (Number(c.negative_slope ?? 0) !== 0 || Number(c.threshold ?? 0) !== 0) refuse('negative_slope or threshold other than 0')
        const max = c.max_value === null || c.max_value === undefined ? null : Number(c.max_value)
        return { name: max === null ? this.node('Relu', [x.name], name) : this.clip(x.name, 0, max, name), shape: x.shape }
      }
      case 'Activation':
        return this.activation(x, c.activation, name, refuse)
      case 'Add': {
        if (inputs.length < 2) refuse('fewer than two inputs')
        return { name: this.node('Sum', inputs.map((input) => input.name), name), shape: x.shape }
      }
      case 'Concatenate': {
        const rank = x.shape.length + 1
        let axis = Number(c.axis ?? -1)
        if (axis < 0) axis += rank
        if (axis <= 0 || axis >= rank) refuse(`concatenation over axis ${String(c.axis)}`)
        const onnxAxis = rank === 4 ? ([0, 2, 3, 1][axis] as number) : axis
        const shape = [...x.shape]
        shape[axis - 1] = inputs.reduce((sum, input) => sum + (input.shape[axis - 1] as number), 0)
        return { name: this.node('Concat', inputs.map((input) => input.name), name, [{ name: 'axis', int: onnxAxis }]), shape }
      }
      case 'ZeroPadding2D': {
        const [h, w, channels] = needImage()
        const [[top, bottom], [left, right]] = zeroPadding(c.padding, refuse)
        const pads = this.constant(`${name}/pads`, [8], { int64: [0, 0, top, left, 0, 0, bottom, right] })
        return { name: this.node('Pad', [x.name, pads], name), shape: [h + top + bottom, w + left + right, channels] }
      }
      case 'GlobalAveragePooling2D':
      case 'GlobalMaxPooling2D': {
        const [, , channels] = needImage()
        const pooled = this.node(kind === 'GlobalAveragePooling2D' ? 'GlobalAveragePool' : 'GlobalMaxPool', [x.name], name)
        if (c.keepdims === true) return { name: pooled, shape: [1, 1, channels] }
        return { name: this.node('Flatten', [pooled], `${name}_flatten`, [{ name: 'axis', int: 1 }]), shape: [channels] }
      }
      case 'AveragePooling2D':
      case 'MaxPooling2D': {
        const [h, w, channels] = needImage()
        const poolSize = pair(c.pool_size ?? 2)
        const strides = pair(c.strides ?? poolSize)
        const attributes: Attribute[] = [{ name: 'kernel_shape', ints: poolSize }, { name: 'strides', ints: strides }, padAttribute(c.padding, refuse)]
        // Keras averages over the window's inside part only at 'same' borders, as ONNX does with count_include_pad=0.
        const out = this.node(kind === 'AveragePooling2D' ? 'AveragePool' : 'MaxPool', [x.name], name, attributes)
        return { name: out, shape: [convSize(h, poolSize[0], strides[0], 1, c.padding), convSize(w, poolSize[1], strides[1], 1, c.padding), channels] }
      }
      case 'Dense': {
        if (x.shape.length !== 1) refuse(`a rank-${x.shape.length + 1} input; only batch × features is converted`)
        const kernel = this.weight(name, 'kernel', kind)
        const [, units] = kernel.shape as [number, number]
        let out = this.node('MatMul', [x.name, this.constant(`${name}/kernel`, kernel.shape, kernel.values)], name)
        if (c.use_bias !== false) out = this.node('Add', [out, this.constant(`${name}/bias`, [units], this.weight(name, 'bias', kind).values)], `${name}_bias`)
        return this.activation({ name: out, shape: [units] }, c.activation, name, refuse)
      }
      case 'Flatten':
        return this.flatten(x, name)
      case 'Reshape': {
        const target = (c.target_shape as number[]).slice()
        const total = product(x.shape)
        const known = product(target.filter((size) => size !== -1))
        const shape = target.map((size) => (size === -1 ? total / known : size))
        if (product(shape) !== total || !shape.every(Number.isInteger)) refuse(`cannot reshape ${x.shape.join('×')} to ${target.join('×')}`)
        const flat = x.shape.length === 3 ? this.node('Transpose', [x.name], `${name}_nhwc`, [{ name: 'perm', ints: [0, 2, 3, 1] }]) : x.name
        const dims = this.constant(`${name}/shape`, [shape.length + 1], { int64: [0, ...shape] })
        const reshaped = this.node('Reshape', [flat, dims], name)
        if (shape.length !== 3) return { name: reshaped, shape }
        return { name: this.node('Transpose', [reshaped], `${name}_nchw`, [{ name: 'perm', ints: [0, 3, 1, 2] }]), shape }
      }
      case 'Dropout':
      case 'SpatialDropout2D':
        return { name: this.node('Identity', [x.name], name), shape: x.shape }
      default:
        return refuse('this layer type is not supported by the ONNX converter')
    }
  }

  /** batch × features in Keras's (channels-last) order. */
  flatten(x: Tensor, name: string): Tensor {
    if (x.shape.length === 1) return x
    const source = x.shape.length === 3 ? this.node('Transpose', [x.name], `${name}_nhwc`, [{ name: 'perm', ints: [0, 2, 3, 1] }]) : x.name
    return { name: this.node('Flatten', [source], name, [{ name: 'axis', int: 1 }]), shape: [product(x.shape)] }
  }

  private clip(input: string, min: number, max: number, name: string): string {
    const low = this.constant(`${name}/min`, [], Float32Array.of(min))
    const high = this.constant(`${name}/max`, [], Float32Array.of(max))
    return this.node('Clip', [input, low, high], name)
  }

  private activation(x: Tensor, activation: unknown, layer: string, refuse: (why: string) => never): Tensor {
    const name = `${layer}_${String(activation)}`
    switch (activation ?? 'linear') {
      case 'linear':
        return x
      case 'relu':
        return { name: this.node('Relu', [x.name], name), shape: x.shape }
      case 'relu6':
        return { name: this.clip(x.name, 0, 6, name), shape: x.shape }
      case 'sigmoid':
        return { name: this.node('Sigmoid', [x.name], name), shape: x.shape }
      case 'tanh':
        return { name: this.node('Tanh', [x.name], name), shape: x.shape }
      case 'softmax':
        if (x.shape.length !== 1) refuse('softmax over a feature map')
        return { name: this.node('Softmax', [x.name], name, [{ name: 'axis', int: 1 }]), shape: x.shape }
      default:
        return refuse(`activation "${String(activation)}"`)
    }
  }
}

function layerName(json: LayerJson): string {
  return String(json.name ?? json.config.name ?? json.class_name)
}

function modelName(json: LayerJson): string {
  const config = json.config as unknown
  return String(json.name ?? (Array.isArray(config) ? json.class_name : ((config as { name?: string }).name ?? json.class_name)))
}

/** The first batch_input_shape found in the topology (the model's or its first nested model's input layer), without batch. */
function findInputShape(json: LayerJson): unknown[] | null {
  const config = json.config as unknown
  const shape = !Array.isArray(config) ? (config as { batch_input_shape?: unknown[] }).batch_input_shape : undefined
  if (Array.isArray(shape)) return shape.slice(1)
  const layers = Array.isArray(config) ? (config as LayerJson[]) : ((config as { layers?: LayerJson[] }).layers ?? [])
  for (const layer of layers) {
    const found = findInputShape(layer)
    if (found) return found
  }
  return null
}

function pair(value: unknown): [number, number] {
  if (Array.isArray(value)) return [Number(value[0]), Number(value[1] ?? value[0])]
  return [Number(value), Number(value)]
}

function padAttribute(padding: unknown, refuse: (why: string) => never): Attribute {
  // TensorFlow's 'same' puts the odd extra pixel at the bottom/right, which is ONNX's SAME_UPPER.
  if (padding === 'same') return { name: 'auto_pad', string: 'SAME_UPPER' }
  if (padding === 'valid' || padding === undefined) return { name: 'auto_pad', string: 'VALID' }
  return refuse(`padding "${String(padding)}"`)
}

function convSize(size: number, kernel: number, stride: number, dilation: number, padding: unknown): number {
  if (padding === 'same') return Math.ceil(size / stride)
  return Math.floor((size - (kernel - 1) * dilation - 1) / stride) + 1
}

function zeroPadding(padding: unknown, refuse: (why: string) => never): [[number, number], [number, number]] {
  if (typeof padding === 'number') return [[padding, padding], [padding, padding]]
  if (Array.isArray(padding) && padding.length === 2) {
    const [a, b] = padding as unknown[]
    if (typeof a === 'number' && typeof b === 'number') return [[a, a], [b, b]]
    if (Array.isArray(a) && Array.isArray(b)) return [[Number(a[0]), Number(a[1])], [Number(b[0]), Number(b[1])]]
  }
  return refuse(`padding ${JSON.stringify(padding)}`)
}

function product(values: readonly number[]): number {
  return values.reduce((total, value) => total * value, 1)
}
