import * as tf from '@tensorflow/tfjs-core'
import { describe, expect, it } from 'vitest'
import { convertLayersModel, createSession, decodeWeights, loadOnnxRuntime } from '../../../../src/main/engines/onnx'
import { Random } from '../../../../src/main/engines/learning/random'
import { convertTflite, TfliteConversionError } from '../../../../src/main/engines/tflite'
import { loadConverted, thrown } from './support'
import { float32Data, int32Data, int8Data, writeTflite, type ModelSpec, type OperatorSpec, type TensorSpec } from './synthetic-model'

/**
 * Small synthetic .tflite files, written by the test's own FlatBuffers writer, exercise what the two real MobileNets
 * do not: VALID padding, depth multiplier 2, int8 per-channel and uint8 per-tensor weights side by side, a fused
 * activation on ADD, a windowed average pool, MEAN with keep_dims feeding a convolution, and a RESHAPE. The converted
 * model must compute what the same operations give when written directly with TensorFlow.js ops.
 */

const CODE = { ADD: 0, AVERAGE_POOL_2D: 1, CONV_2D: 3, DEPTHWISE_CONV_2D: 4, MAX_POOL_2D: 17, RESHAPE: 22, SOFTMAX: 25, MEAN: 40 }
const OPTIONS = { Conv2D: 1, DepthwiseConv2D: 2, Pool2D: 5, Add: 11, Reducer: 27 }
const SAME = 0
const VALID = 1
const ACT = { NONE: 0, RELU: 1, RELU6: 3, TANH: 4 }

const generator = new Random(7)
const random = () => generator.next()
const values = (count: number, spread = 1): number[] => Array.from({ length: count }, () => (random() * 2 - 1) * spread)
const integers = (count: number, low: number, high: number): number[] => Array.from({ length: count }, () => low + Math.floor(random() * (high - low + 1)))

// Weights: OHWI float32 conv, int8 per-channel depthwise (multiplier 2), uint8 per-tensor pointwise, float 1×1 head.
const conv1 = { filter: values(4 * 3 * 3 * 3, 0.5), bias: values(4, 0.1) }
const depthwise = { q: integers(9 * 8, -127, 127), scales: values(8, 0.01).map((s) => Math.abs(s) + 0.002), biasQ: integers(8, -500, 500), biasScales: values(8, 1e-4).map((s) => Math.abs(s) + 1e-5) }
const pointwise = { q: integers(8 * 8, 0, 255), scale: 0.02, zeroPoint: 120, biasQ: integers(8, -300, 300), biasScale: 0.001 }
const head = { filter: values(5 * 8, 0.5) }

function network(): ModelSpec {
  const tensors: TensorSpec[] = [
    { name: 'image', shape: [1, 8, 8, 3], type: 'float32' },
    { name: 'conv1/filter', shape: [4, 3, 3, 3], type: 'float32', data: float32Data(conv1.filter) },
    { name: 'conv1/bias', shape: [4], type: 'float32', data: float32Data(conv1.bias) },
    { name: 'conv1', shape: [1, 6, 6, 4], type: 'float32' },
    { name: 'dw/filter', shape: [1, 3, 3, 8], type: 'int8', data: int8Data(depthwise.q), quantization: { scale: depthwise.scales, zeroPoint: Array(8).fill(0), axis: 3 } },
    { name: 'dw/bias', shape: [8], type: 'int32', data: int32Data(depthwise.biasQ), quantization: { scale: depthwise.biasScales, zeroPoint: Array(8).fill(0) } },
    { name: 'dw', shape: [1, 3, 3, 8], type: 'float32' },
    { name: 'pw/filter', shape: [8, 1, 1, 8], type: 'uint8', data: Uint8Array.from(pointwise.q), quantization: { scale: [pointwise.scale], zeroPoint: [pointwise.zeroPoint] } },
    { name: 'pw/bias', shape: [8], type: 'int32', data: int32Data(pointwise.biasQ), quantization: { scale: [pointwise.biasScale], zeroPoint: [0] } },
    { name: 'pw', shape: [1, 3, 3, 8], type: 'float32' },
    { name: 'sum', shape: [1, 3, 3, 8], type: 'float32' },
    { name: 'pool', shape: [1, 3, 3, 8], type: 'float32' },
    { name: 'mean/axes', shape: [2], type: 'int32', data: int32Data([1, 2]) },
    { name: 'mean', shape: [1, 1, 1, 8], type: 'float32' },
    { name: 'head/filter', shape: [5, 1, 1, 8], type: 'float32', data: float32Data(head.filter) },
    { name: 'head', shape: [1, 1, 1, 5], type: 'float32' },
    { name: 'logits/shape', shape: [2], type: 'int32', data: int32Data([1, 5]) },
    { name: 'logits', shape: [1, 5], type: 'float32' },
  ]
  const operators: OperatorSpec[] = [
    { code: CODE.CONV_2D, inputs: [0, 1, 2], outputs: [3], options: { type: OPTIONS.Conv2D, fields: [{ int8: VALID }, { int32: 1 }, { int32: 1 }, { int8: ACT.RELU }] } },
    {
      code: CODE.DEPTHWISE_CONV_2D,
      inputs: [3, 4, 5],
      outputs: [6],
      options: { type: OPTIONS.DepthwiseConv2D, fields: [{ int8: SAME }, { int32: 2 }, { int32: 2 }, { int32: 2 }, { int8: ACT.RELU6 }] },
    },
    { code: CODE.CONV_2D, inputs: [6, 7, 8], outputs: [9], options: { type: OPTIONS.Conv2D, fields: [{ int8: SAME }, { int32: 1 }, { int32: 1 }, { int8: ACT.NONE }] } },
    { code: CODE.ADD, inputs: [6, 9], outputs: [10], options: { type: OPTIONS.Add, fields: [{ int8: ACT.RELU }] } },
    {
      code: CODE.AVERAGE_POOL_2D,
      inputs: [10],
      outputs: [11],
      options: { type: OPTIONS.Pool2D, fields: [{ int8: SAME }, { int32: 1 }, { int32: 1 }, { int32: 2 }, { int32: 2 }, { int8: ACT.NONE }] },
    },
    { code: CODE.MEAN, inputs: [11, 12], outputs: [13], options: { type: OPTIONS.Reducer, fields: [{ uint8: 1 }] } },
    { code: CODE.CONV_2D, inputs: [13, 14, -1], outputs: [15], options: { type: OPTIONS.Conv2D, fields: [{ int8: VALID }, { int32: 1 }, { int32: 1 }, { int8: ACT.NONE }] } },
    { code: CODE.RESHAPE, inputs: [15, 16], outputs: [17] },
  ]
  return { tensors, operators, inputs: [0], outputs: [17] }
}

/** The same network written directly with TensorFlow.js ops, from weights dequantized here. */
function expected(image: tf.Tensor4D): tf.Tensor {
  return tf.tidy(() => {
    const ohwiToHwio = (data: number[], shape: [number, number, number, number]) => tf.transpose(tf.tensor4d(data, shape), [1, 2, 3, 0]) as tf.Tensor4D
    let x = tf.relu(tf.add(tf.conv2d(image, ohwiToHwio(conv1.filter, [4, 3, 3, 3]), 1, 'valid'), conv1.bias)) as tf.Tensor4D
    const dwReal = depthwise.q.map((q, i) => q * depthwise.scales[i % 8]!)
    const dwBias = depthwise.biasQ.map((q, i) => q * depthwise.biasScales[i]!)
    const dw = tf.clipByValue(tf.add(tf.depthwiseConv2d(x, tf.tensor4d(dwReal, [3, 3, 4, 2]), 2, 'same'), dwBias), 0, 6) as tf.Tensor4D
    const pwReal = pointwise.q.map((q) => pointwise.scale * (q - pointwise.zeroPoint))
    const pw = tf.add(tf.conv2d(dw, ohwiToHwio(pwReal, [8, 1, 1, 8]), 1, 'same'), pointwise.biasQ.map((q) => q * pointwise.biasScale)) as tf.Tensor4D
    x = tf.relu(tf.add(dw, pw)) as tf.Tensor4D
    x = tf.avgPool(x, 2, 1, 'same')
    x = tf.mean(x, [1, 2], true)
    return tf.reshape(tf.conv2d(x, ohwiToHwio(head.filter, [5, 1, 1, 8]), 1, 'valid'), [-1, 5])
  })
}

describe('synthetic TFLite models', () => {
  const image = Float32Array.from(values(8 * 8 * 3))

  it('convert to a layers model that computes the same function as the TFLite operators', async () => {
    const conversion = convertTflite(writeTflite(network()), { file: 'synthetic.tflite' })
    const layers = conversion.modelJson.modelTopology.config.layers as Array<{ name: string; class_name: string }>
    expect(layers.map((layer) => `${layer.name}:${layer.class_name}`)).toEqual([
      'image:InputLayer',
      'conv_1:Conv2D',
      'conv_2:DepthwiseConv2D',
      'conv_3:Conv2D',
      'add_4:Add',
      'add_4_relu:Activation',
      'pool_5:AveragePooling2D',
      'mean_6:GlobalAveragePooling2D',
      'conv_7_input:Reshape',
      'conv_7:Conv2D',
      'embedding:Reshape',
    ])
    expect(conversion).toMatchObject({ dimension: 5, embeddingLayer: 'embedding', outputTensor: 'logits', featureLayers: [] })
    expect(conversion.input).toEqual({ width: 8, height: 8, channels: 3 })
    expect(conversion.normalisation).toEqual({ scale: 2 / 255, offset: -1 })
    // uint8 per-tensor keeps its bytes; int8 per-channel and int32 biases become float32.
    const specs = new Map(conversion.modelJson.weightsManifest[0]!.weights.map((spec) => [spec.name, spec]))
    expect(specs.get('conv_3/kernel')?.quantization).toEqual({ dtype: 'uint8', scale: Math.fround(0.02), min: -120 * Math.fround(0.02) })
    expect(specs.get('conv_2/depthwise_kernel')).toEqual({ name: 'conv_2/depthwise_kernel', shape: [3, 3, 4, 2], dtype: 'float32' })
    expect(specs.has('conv_7/bias')).toBe(false)

    const model = await loadConverted(conversion)
    const input = tf.tensor4d(image, [1, 8, 8, 3])
    const got = model.predict(input) as tf.Tensor
    const want = expected(input)
    expect(got.shape).toEqual([1, 5])
    const [g, w] = [await got.data(), await want.data()]
    for (let i = 0; i < 5; i++) expect(g[i]).toBeCloseTo(w[i]!, 4)
    tf.dispose([input, got, want])
    model.dispose()

    // The onnx engine takes the result as it takes any layers model, and agrees.
    const onnx = convertLayersModel(conversion.modelJson.modelTopology, decodeWeights(conversion.modelJson.weightsManifest, conversion.weights), {
      embedding: { output: null, pooling: 'none' },
    })
    const ort = await loadOnnxRuntime()
    const session = await createSession(onnx.onnx)
    try {
      const result = await session.run({ [onnx.input]: new ort.Tensor('float32', image, [1, 8, 8, 3]) })
      const out = result[onnx.embeddingOutput]!.data as Float32Array
      for (let i = 0; i < 5; i++) expect(out[i]).toBeCloseTo(w[i]!, 4)
    } finally {
      await session.release()
    }
  })

  it('derive the pixel normalisation from a quantized input, and take it from the caller for a float input', () => {
    const withInput = (input: TensorSpec): Uint8Array => {
      const spec = network()
      spec.tensors[0] = input
      return writeTflite(spec)
    }
    const uint8 = withInput({ name: 'image', shape: [1, 8, 8, 3], type: 'uint8', quantization: { scale: [1 / 128], zeroPoint: [128] } })
    expect(convertTflite(uint8).normalisation).toEqual({ scale: 1 / 128, offset: -1 })
    const int8 = withInput({ name: 'image', shape: [1, 8, 8, 3], type: 'int8', quantization: { scale: [1 / 255], zeroPoint: [-128] } })
    expect(convertTflite(int8).normalisation).toEqual({ scale: Math.fround(1 / 255), offset: 0 })
    const float = withInput({ name: 'image', shape: [1, 8, 8, 3], type: 'float32' })
    expect(convertTflite(float, { floatInputNormalisation: { scale: 1 / 255, offset: 0 } }).normalisation).toEqual({ scale: 1 / 255, offset: 0 })
  })

  it('convert up to a chosen tensor, ignoring operators after it', () => {
    const spec = network()
    spec.tensors.push({ name: 'probabilities', shape: [1, 5], type: 'float32' })
    spec.operators.push({ code: CODE.SOFTMAX, inputs: [17], outputs: [18] })
    spec.outputs = [18]
    const bytes = writeTflite(spec)
    const conversion = convertTflite(bytes, { output: 'pool' })
    expect(conversion).toMatchObject({ dimension: 72, outputTensor: 'pool' })
    expect(conversion.modelJson.modelTopology.config.layers.map((layer) => (layer as { name: string }).name)).toEqual([
      'image',
      'conv_1',
      'conv_2',
      'conv_3',
      'add_4',
      'add_4_relu',
      'embedding',
    ])
    // Without a choice the model's own output is converted, and its softmax is refused with a pointer to the pooled tensor.
    const error = thrown(() => convertTflite(bytes, { file: '/some/where/classifier.tflite' }))
    expect(error).toBeInstanceOf(TfliteConversionError)
    expect((error as Error).message).toBe(
      'classifier.tflite cannot be converted: operator 8 (SOFTMAX) is not supported (the converter handles ADD, AVERAGE_POOL_2D, CONV_2D, ' +
        'DEPTHWISE_CONV_2D, RESHAPE, MEAN, SQUEEZE); to use the features before it, choose the output tensor "mean".',
    )
    expect((error as TfliteConversionError).details).toEqual({ file: '/some/where/classifier.tflite', operator: { index: 8, type: 'SOFTMAX' } })
    expect((thrown(() => convertTflite(bytes, { output: 'nothing' })) as Error).message).toBe(
      'the TFLite model cannot be converted: it has no tensor named "nothing".',
    )
  })

  it.each([
    ['an unsupported operator', (spec: ModelSpec) => void (spec.operators[4]!.code = CODE.MAX_POOL_2D), 'operator 4 (MAX_POOL_2D) is not supported'],
    [
      'an unsupported fused activation',
      (spec: ModelSpec) => void (spec.operators[0]!.options!.fields = [{ int8: VALID }, { int32: 1 }, { int32: 1 }, { int8: ACT.TANH }]),
      'operator 0 (CONV_2D) cannot be converted: its fused activation TANH is not supported (NONE, RELU and RELU6 are)',
    ],
    ['a broadcasting ADD', (spec: ModelSpec) => void (spec.operators[3]!.inputs = [6, 3]), 'operator 3 (ADD) cannot be converted: it broadcasts [3, 3, 8] with [6, 6, 4]'],
    ['MEAN over channels', (spec: ModelSpec) => void (spec.tensors[12]!.data = int32Data([3, 3])), 'operator 5 (MEAN) cannot be converted: it averages over axes 3'],
    ['a weight with too little data', (spec: ModelSpec) => void (spec.tensors[1]!.data = float32Data([1, 2, 3])), 'tensor "conv1/filter" has 12 bytes of data; its shape [4, 3, 3, 3] needs 432'],
    [
      'a shape the translation would not reproduce',
      (spec: ModelSpec) => void (spec.tensors[3]!.shape = [1, 8, 8, 4]),
      'operator 0 (CONV_2D) cannot be converted: it would give [6, 6, 4] where the file says [8, 8, 4]',
    ],
  ])('refuse %s with a sentence naming it', (_title, alter, message) => {
    const spec = network()
    alter(spec)
    const error = thrown(() => convertTflite(writeTflite(spec), { file: 'odd.tflite' }))
    expect(error).toBeInstanceOf(TfliteConversionError)
    expect((error as Error).message).toContain(`odd.tflite cannot be converted: ${message}`)
  })
})
