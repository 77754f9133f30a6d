import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { TfliteConversionError } from './errors'
import { describe, LayerGraph, size, type KerasLayer } from './graph'
import { layersModelJson, type LayersModelJson } from './model-json'
import { SUPPORTED, translate } from './operators'
import { readTflite, type TfliteModel, type TfliteOperator, type TfliteTensor } from './schema'
import { Op, TensorType, tensorTypeName } from './vocabulary'

/**
 * A .tflite image backbone → a TensorFlow.js layers model (model.json + weights.bin) that TF.js loads directly and
 * the onnx engine converts further. Only the operators the chosen output depends on are translated, so a classifier's
 * head (logits, softmax) is dropped by choosing the pooled tensor before it as the output.
 */

/** Bumped whenever the same file would convert differently, so callers can key a cached conversion on it. */
export const TFLITE_CONVERTER_VERSION = 1

/** The layer the embedding is read from, in every converted model. */
export const EMBEDDING_LAYER = 'embedding'

export interface TfliteConvertOptions {
  /** Where the bytes came from, for messages and the model's name. */
  file?: string
  /** Name of the tensor to use as the embedding (default: the model's output). Everything after it is dropped. */
  output?: string
  /** Pixel → input mapping for a float32-input model, which does not record it (default: [-1, 1]). */
  floatInputNormalisation?: Normalisation
}

/** The model's input is `pixel × scale + offset`, pixel the 0–255 RGB value (a Loupe manifest's `normalisation`). */
export interface Normalisation {
  scale: number
  offset: number
}

export interface FeatureLayer {
  /** Image pixels per feature-map position along each axis. */
  stride: 16 | 32
  layer: string
  /** [height, width, channels]. */
  shape: [number, number, number]
}

export interface TfliteConversion {
  /** model.json's content; its weightsManifest names one file, weights.bin. */
  modelJson: LayersModelJson
  /** weights.bin. */
  weights: Uint8Array
  input: { width: number; height: number; channels: 3 }
  normalisation: Normalisation
  /** Length of the output, flattened (a Loupe manifest's `dimension` with pooling 'none'). */
  dimension: number
  /** The embedding layer's output shape without the batch axis: [C] after a global pool, [H, W, C] for a feature map. */
  outputShape: number[]
  /** Always EMBEDDING_LAYER. */
  embeddingLayer: string
  /** The TFLite tensor the embedding layer computes. */
  outputTensor: string
  /** The last layer at output stride 16 and at 32, for those present before the output. */
  featureLayers: FeatureLayer[]
}

export async function convertTfliteFile(path: string, options: Omit<TfliteConvertOptions, 'file'> = {}): Promise<TfliteConversion> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new TfliteConversionError(`Cannot read ${path}: ${(error as Error).message}`, { file: path })
  }
  return convertTflite(bytes, { ...options, file: path })
}

export function convertTflite(bytes: Uint8Array, options: TfliteConvertOptions = {}): TfliteConversion {
  const file = options.file ? basename(options.file) : 'the TFLite model'
  try {
    return convert(readTflite(bytes), options, file)
  } catch (error) {
    if (!(error instanceof TfliteConversionError)) throw error
    throw new TfliteConversionError(`${file} cannot be converted: ${error.message}.`, { ...error.details, ...(options.file ? { file: options.file } : {}) })
  }
}

function convert(model: TfliteModel, options: TfliteConvertOptions, file: string): TfliteConversion {
  const { tensor: inputTensor, height, width } = imageInput(model)
  const output = outputTensor(model, options.output)
  const graph = new LayerGraph(model)
  const input: KerasLayer = {
    name: 'image',
    className: 'InputLayer',
    config: { batch_input_shape: [null, height, width, 3], dtype: 'float32', sparse: false },
    inbound: [],
    weights: [],
    shape: [height, width, 3],
    stride: 1,
  }
  graph.bind(inputTensor.index, input)
  for (const op of operatorsFor(model, output.index)) {
    if (!translate(graph, op)) {
      const pooled = pooledTensor(model)
      const hint = pooled && pooled !== output.name ? `; to use the features before it, choose the output tensor "${pooled}"` : ''
      throw new TfliteConversionError(`${describe(op)} is not supported (the converter handles ${SUPPORTED.join(', ')})${hint}`, {
        operator: { index: op.index, type: op.type },
      })
    }
  }
  const last = graph.valueOf(output.index)
  if (!last || last === input) throw new TfliteConversionError(`the output tensor "${output.name}" is not computed from the image`)
  last.name = EMBEDDING_LAYER

  const { modelJson, weights } = layersModelJson({
    name: modelName(file),
    input,
    output: last,
    layers: graph.layers,
    generatedBy: `Loupe TFLite converter ${TFLITE_CONVERTER_VERSION}`,
    convertedBy: `${file}, output tensor "${output.name}"`,
  })
  return {
    modelJson,
    weights,
    input: { width, height, channels: 3 },
    normalisation: normalisationOf(inputTensor, options.floatInputNormalisation),
    dimension: size(last.shape),
    outputShape: last.shape,
    embeddingLayer: EMBEDDING_LAYER,
    outputTensor: output.name,
    featureLayers: featureLayers(graph.layers),
  }
}

/**
 * The name of the tensor the last global average pool (or mean over height and width) computes: the usual
 * embedding of an image classifier. null when the model has none.
 */
export function pooledTensor(model: TfliteModel): string | null {
  for (const op of [...model.operators].reverse()) {
    const out = model.tensors[op.outputs[0] ?? -1]
    const global = out && out.shape.length === 4 && out.shape[1] === 1 && out.shape[2] === 1
    if (global && (op.code === Op.AVERAGE_POOL_2D || op.code === Op.MEAN)) return out.name
  }
  return null
}

function imageInput(model: TfliteModel): { tensor: TfliteTensor; height: number; width: number } {
  if (model.inputs.length !== 1) throw new TfliteConversionError(`it has ${model.inputs.length} inputs; an image backbone has one`)
  const tensor = model.tensors[model.inputs[0]!]
  if (!tensor) throw new TfliteConversionError('its input is not a tensor')
  const [batch, height, width, channels] = tensor.shape
  if (tensor.shape.length !== 4 || batch !== 1 || channels !== 3 || !height || !width) {
    throw new TfliteConversionError(`its input has shape [${tensor.shape.join(', ')}]; an RGB image input is [1, height, width, 3]`)
  }
  return { tensor, height, width }
}

function outputTensor(model: TfliteModel, name: string | undefined): TfliteTensor {
  if (name === undefined) {
    if (model.outputs.length !== 1) throw new TfliteConversionError(`it has ${model.outputs.length} outputs; choose one tensor as the output`)
    const output = model.tensors[model.outputs[0]!]
    if (!output) throw new TfliteConversionError('its output is not a tensor')
    return output
  }
  const found = model.tensors.find((tensor) => tensor.name === name)
  if (!found) throw new TfliteConversionError(`it has no tensor named "${name}"`)
  return found
}

/** The operators `output` depends on, in the file's execution order. */
function operatorsFor(model: TfliteModel, output: number): TfliteOperator[] {
  const producer = new Map<number, TfliteOperator>()
  for (const op of model.operators) for (const tensor of op.outputs) producer.set(tensor, op)
  const needed = new Set<TfliteOperator>()
  const pending = [output]
  while (pending.length) {
    const op = producer.get(pending.pop()!)
    if (!op || needed.has(op)) continue
    needed.add(op)
    pending.push(...op.inputs.filter((tensor) => tensor >= 0))
  }
  return model.operators.filter((op) => needed.has(op))
}

/** A quantized input is real = scale × (q − zero_point); q is the pixel for uint8 and the pixel − 128 for int8. */
function normalisationOf(input: TfliteTensor, float: Normalisation | undefined): Normalisation {
  if (input.type === TensorType.FLOAT32) return float ?? { scale: 2 / 255, offset: -1 }
  const quantization = input.quantization
  const shift = input.type === TensorType.INT8 ? 128 : input.type === TensorType.UINT8 ? 0 : null
  if (shift === null || !quantization || quantization.scale.length !== 1) {
    throw new TfliteConversionError(`its ${tensorTypeName(input.type)} image input has no single quantization scale to derive the pixel normalisation from`)
  }
  const scale = quantization.scale[0]!
  // 0 − x rather than −x: a zero offset stays +0, which compares and prints as plain 0.
  return { scale, offset: 0 - ((quantization.zeroPoint[0] ?? 0) + shift) * scale }
}

function featureLayers(layers: readonly KerasLayer[]): FeatureLayer[] {
  const found: FeatureLayer[] = []
  for (const stride of [16, 32] as const) {
    const layer = layers.findLast((candidate) => candidate.stride === stride && candidate.shape.length === 3)
    if (layer) found.push({ stride, layer: layer.name, shape: layer.shape as [number, number, number] })
  }
  return found
}

function modelName(file: string): string {
  return file.replace(/\.tflite$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '_') || 'tflite_model'
}
