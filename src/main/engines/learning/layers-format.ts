import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiError } from '../../../shared/api/errors'
import type { ClassifierDetail } from '../../../shared/api/schemas'
import { APP_VERSION } from '../../platform/version'
import type { DenseLayer, Network } from './network'

/**
 * A classifier version as a TensorFlow.js layers model folder: model.json (a Sequential of Dense layers, Keras-style
 * topology) and weights.bin (float32, little-endian), which tf.loadLayersModel reads as it is, plus
 * loupe-classifier.json: the class names in output order, the backbone whose embeddings it takes, and how the version
 * was trained and did. Importing reads all three back.
 */

export const MODEL_FILE = 'model.json'
export const WEIGHTS_FILE = 'weights.bin'
export const MANIFEST_FILE = 'loupe-classifier.json'

export interface ClassifierManifest {
  format: 'loupe-classifier'
  formatVersion: 1
  classes: string[]
  backbone: { id: string; dimension: number }
  /** What the model takes: the backbone's embedding of the whole image (or a box's crop), L2-normalised. */
  input: string
  samples: 'images' | 'boxes'
  weightsSha256: string
  source: Pick<ClassifierDetail, 'id' | 'createdAt' | 'trainCount' | 'valCount' | 'epochs' | 'bestEpoch' | 'stoppedBy' | 'valAccuracy' | 'seconds'>
  counts: ClassifierDetail['counts']
  options: ClassifierDetail['options']
  metrics: ClassifierDetail['metrics']
  curves: ClassifierDetail['curves']
  exportedBy: string
}

interface WeightEntry {
  name: string
  shape: number[]
  dtype: string
}

interface ModelJson {
  format?: string
  generatedBy?: string
  convertedBy?: string | null
  modelTopology: {
    class_name: string
    config: { name: string; layers: { class_name: string; config: Record<string, unknown> }[] }
    keras_version?: string
    backend?: string
  }
  weightsManifest: { paths: string[]; weights: WeightEntry[] }[]
}

export async function writeLayersModel(dir: string, version: ClassifierDetail, network: Network): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const layerName = (index: number) => `dense_${index + 1}`
  const topology: ModelJson['modelTopology'] = {
    class_name: 'Sequential',
    config: {
      name: `loupe_classifier_${version.id}`,
      layers: network.layers.map((layer, index) => ({
        class_name: 'Dense',
        config: {
          name: layerName(index),
          units: layer.units,
          activation: layer.activation,
          use_bias: true,
          kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
          bias_initializer: { class_name: 'Zeros', config: {} },
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
          trainable: true,
          dtype: 'float32',
          ...(index === 0 ? { batch_input_shape: [null, layer.inputs] } : {}),
        },
      })),
    },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  }
  const entries: WeightEntry[] = []
  const parts: Float32Array[] = []
  network.layers.forEach((layer, index) => {
    entries.push({ name: `${layerName(index)}/kernel`, shape: [layer.inputs, layer.units], dtype: 'float32' })
    entries.push({ name: `${layerName(index)}/bias`, shape: [layer.units], dtype: 'float32' })
    parts.push(layer.kernel, layer.bias)
  })
  const weights = littleEndian(parts)
  const modelJson: ModelJson = {
    format: 'layers-model',
    generatedBy: `Loupe ${APP_VERSION}`,
    convertedBy: null,
    modelTopology: topology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: entries }],
  }
  const manifest: ClassifierManifest = {
    format: 'loupe-classifier',
    formatVersion: 1,
    classes: version.classes,
    backbone: { id: version.backbone, dimension: network.layers[0]?.inputs ?? 0 },
    input: `the L2-normalised embedding from backbone "${version.backbone}" of the whole image${version.samples === 'boxes' ? ' crop of a box' : ''}`,
    samples: version.samples,
    weightsSha256: createHash('sha256').update(weights).digest('hex'),
    source: {
      id: version.id,
      createdAt: version.createdAt,
      trainCount: version.trainCount,
      valCount: version.valCount,
      epochs: version.epochs,
      bestEpoch: version.bestEpoch,
      stoppedBy: version.stoppedBy,
      valAccuracy: version.valAccuracy,
      seconds: version.seconds,
    },
    counts: version.counts,
    options: version.options,
    metrics: version.metrics,
    curves: version.curves,
    exportedBy: `Loupe ${APP_VERSION}`,
  }
  await writeFile(join(dir, WEIGHTS_FILE), weights)
  await writeFile(join(dir, MODEL_FILE), `${JSON.stringify(modelJson, null, 2)}\n`)
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
  return [MODEL_FILE, WEIGHTS_FILE, MANIFEST_FILE]
}

export interface ReadLayersModel {
  manifest: ClassifierManifest
  network: Network
  modelJson: unknown
  weights: ArrayBuffer
}

/** Reads an exported folder back, checking that the three files agree; a problem is a 'bad_request' naming the file. */
export async function readLayersModel(dir: string): Promise<ReadLayersModel> {
  const bad = (file: string, problem: string) => new ApiError('bad_request', `${join(dir, file)}: ${problem}`)
  const readJson = async <T>(file: string): Promise<T> => {
    let text: string
    try {
      text = await readFile(join(dir, file), 'utf8')
    } catch {
      throw bad(file, `missing; a Loupe classifier folder holds ${MODEL_FILE}, ${WEIGHTS_FILE} and ${MANIFEST_FILE}.`)
    }
    try {
      return JSON.parse(text) as T
    } catch (error) {
      throw bad(file, `not valid JSON (${(error as Error).message}).`)
    }
  }
  const manifest = await readJson<ClassifierManifest>(MANIFEST_FILE)
  if (manifest.format !== 'loupe-classifier' || manifest.formatVersion !== 1 || !Array.isArray(manifest.classes)) {
    throw bad(MANIFEST_FILE, 'not a Loupe classifier manifest (format "loupe-classifier", formatVersion 1).')
  }
  const modelJson = await readJson<ModelJson>(MODEL_FILE)
  const topology = modelJson.modelTopology
  if (topology?.class_name !== 'Sequential' || !Array.isArray(topology.config?.layers)) {
    throw bad(MODEL_FILE, 'expected a Sequential layers model.')
  }
  const group = modelJson.weightsManifest?.[0]
  if (!group || modelJson.weightsManifest.length !== 1 || group.paths.length !== 1) {
    throw bad(MODEL_FILE, `expected one weight group in one file.`)
  }
  const weightFile = group.paths[0]!
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(weightFile)) throw bad(MODEL_FILE, `weight file "${weightFile}" must be a plain file name.`)
  let bytes: Buffer
  try {
    bytes = await readFile(join(dir, weightFile))
  } catch {
    throw bad(weightFile, 'missing.')
  }
  if (manifest.weightsSha256 && createHash('sha256').update(bytes).digest('hex') !== manifest.weightsSha256) {
    throw bad(weightFile, `its SHA-256 differs from the one in ${MANIFEST_FILE}: the file is damaged or was changed.`)
  }
  const byName = new Map(group.weights.map((entry, index) => [entry.name, { entry, index }]))
  let offset = 0
  const offsets = group.weights.map((entry) => {
    if (entry.dtype !== 'float32') throw bad(MODEL_FILE, `weight ${entry.name} is ${entry.dtype}; only float32 is read.`)
    const start = offset
    offset += entry.shape.reduce((product, n) => product * n, 1) * 4
    return start
  })
  if (offset !== bytes.length) throw bad(weightFile, `holds ${bytes.length} bytes; ${MODEL_FILE} describes ${offset}.`)
  const read = (name: string, shape: number[]): Float32Array => {
    const found = byName.get(name)
    if (!found || found.entry.shape.join('x') !== shape.join('x')) {
      throw bad(MODEL_FILE, `expected weight ${name} of shape [${shape.join(', ')}].`)
    }
    const start = offsets[found.index]!
    const values = new Float32Array(shape.reduce((product, n) => product * n, 1))
    for (let i = 0; i < values.length; i++) values[i] = bytes.readFloatLE(start + i * 4)
    return values
  }

  const layers: DenseLayer[] = []
  let inputs = manifest.backbone?.dimension ?? 0
  topology.config.layers.forEach((layer, index) => {
    const config = layer.config
    if (layer.class_name !== 'Dense') throw bad(MODEL_FILE, `layer ${index + 1} is ${layer.class_name}; only Dense layers are read.`)
    const name = String(config.name)
    const units = Number(config.units)
    const activation = config.activation
    const last = index === topology.config.layers.length - 1
    if (activation !== (last ? 'softmax' : 'relu')) {
      throw bad(MODEL_FILE, `layer ${name} has activation ${String(activation)}; expected ${last ? 'softmax' : 'relu'}.`)
    }
    if (config.use_bias === false) throw bad(MODEL_FILE, `layer ${name} has no bias.`)
    if (index === 0) {
      const shape = config.batch_input_shape as unknown[] | undefined
      if (Array.isArray(shape) && Number(shape.at(-1)) !== inputs) {
        throw bad(MODEL_FILE, `its input is ${String(shape.at(-1))}-d, but ${MANIFEST_FILE} says the backbone gives ${inputs}.`)
      }
    }
    layers.push({ inputs, units, activation: activation as DenseLayer['activation'], kernel: read(`${name}/kernel`, [inputs, units]), bias: read(`${name}/bias`, [units]) })
    inputs = units
  })
  if (layers.length === 0 || layers.at(-1)!.units !== manifest.classes.length) {
    throw bad(MODEL_FILE, `its output has ${layers.at(-1)?.units ?? 0} classes; ${MANIFEST_FILE} names ${manifest.classes.length}.`)
  }
  const weights = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  return { manifest, network: { layers }, modelJson, weights }
}

function littleEndian(parts: Float32Array[]): Buffer {
  const total = parts.reduce((sum, part) => sum + part.length, 0)
  const out = Buffer.alloc(total * 4)
  let offset = 0
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      out.writeFloatLE(part[i]!, offset)
      offset += 4
    }
  }
  return out
}
