import { basename, extname } from 'node:path'
import { loadOnnxRuntime, signatureOf, type OnnxSession, type OnnxSignature, type OnnxValue } from '../onnx'
import { firstLine, messageOf, ModelError } from './errors'
import { modelIdFromFileName } from './model-file-facts'
import { ModelManifest } from './manifest'
import { sha256Bytes } from './model-files'
import { channelAxis, dimensionOf, fixedBatchOf, imageInput, shapeText, spatialAxes, type Layout } from './onnx-binding'
import { ONNX_MODEL_FILE, openOnnxBytes, readModelBytes } from './onnx-file'

/**
 * Reading an .onnx file as a candidate backbone: what the graph says about itself, and a manifest proposing what it
 * does not say (axis order when the shape leaves it open, input size when it is dynamic, which output is the embedding,
 * how pixels are scaled), with each guess listed so that whoever adds the model can be asked to confirm it.
 *
 * Runs on the caller's thread: onnxruntime loads the graph unoptimised to read its signature, and runs it only when
 * the embedding's length is not in the graph (one blank image).
 */

export interface OnnxGuess {
  /** The manifest field, as a dotted path (e.g. "input.layout"). */
  field: string
  value: unknown
  /** Why this value, for people. */
  why: string
}

export interface OnnxInspection {
  file: string
  bytes: number
  sha256: string
  inputs: OnnxValue[]
  outputs: OnnxValue[]
  /** A complete manifest for the file installed as `model.onnx`: its signature's facts plus the guesses below. */
  manifest: ModelManifest
  guesses: OnnxGuess[]
}

/**
 * What whoever adds the file has settled (e.g. confirmed in a form): used instead of proposing a value, and checked
 * against the graph first, so a choice the file contradicts is refused with the reason rather than run.
 */
export interface OnnxChoices {
  width?: number
  height?: number
  layout?: Layout
  output?: string
  pooling?: 'none' | 'avg'
}

/** The usual input size of ImageNet backbones, for a graph that accepts any size. */
const DEFAULT_SIZE = 224

export async function inspectOnnxModel(file: string, chosen: OnnxChoices = {}): Promise<OnnxInspection> {
  const bytes = await readModelBytes(file)
  const session = await openOnnxBytes(bytes, file)
  try {
    const signature = signatureOf(session)
    const guesses: OnnxGuess[] = []
    const guess = <T>(field: string, value: T, why: string): T => {
      guesses.push({ field, value, why })
      return value
    }
    const stem = basename(file, extname(file))
    const id = guess('id', modelIdFromFileName(file), 'from the file name')
    const name = guess('name', stem.slice(0, 200) || id, 'from the file name')
    const input = proposeInput(signature, file, guess, chosen)
    const found = chosen.output === undefined ? proposeEmbedding(signature.outputs, file, guess) : chosenEmbedding(signature.outputs, chosen.output, file)
    const embedding = chosen.pooling ? { ...found, pooling: checkedPooling(chosen.pooling, found.source, file) } : found
    const { pooling, dimension } = await settleEmbedding(session, input, embedding, file)
    const normalisation = guess('normalisation', { scale: 1 / 127.5, offset: -1 }, NORMALISATION_WHY)
    const sha256 = sha256Bytes(bytes)
    const manifest = ModelManifest.parse({
      manifestVersion: 1,
      id,
      name,
      format: 'onnx',
      modelFile: ONNX_MODEL_FILE,
      input: { width: input.width, height: input.height, channels: 3, name: input.name, layout: input.layout },
      normalisation,
      embedding: { output: embedding.source.name, pooling },
      dimension,
      weights: [{ path: ONNX_MODEL_FILE, sha256, bytes: bytes.byteLength }],
      sourceUrl: null,
    })
    return { file, bytes: bytes.byteLength, sha256, ...signature, manifest, guesses }
  } finally {
    await session.release()
  }
}

const NORMALISATION_WHY =
  'an ONNX file does not say how pixel values are scaled; [-1, 1] (scale 1/127.5, offset -1) suits MobileNet-style ' +
  'exports, while models trained with ImageNet mean and standard deviation (most PyTorch exports) need scale ' +
  '[0.017125, 0.017507, 0.017429] and offset [-2.1179, -2.0357, -1.8044]'

type Guess = <T>(field: string, value: T, why: string) => T

interface ProposedInput {
  name: string
  layout: Layout
  width: number
  height: number
  fixedBatch: number | null
}

function proposeInput(signature: OnnxSignature, file: string, guess: Guess, chosen: OnnxChoices): ProposedInput {
  const input = imageInput(signature, file, { file })
  const { shape } = input
  const layout = chosen.layout ?? proposeLayout(shape, input.name, file, guess)
  const channels = shape[channelAxis(layout)]
  if (typeof channels === 'number' && channels !== 3) {
    throw contradiction(file, `in the order ${layout.toUpperCase()} its input ${shapeText(shape)} would have ${channels} channels, not 3`)
  }
  const [heightAxis, widthAxis] = spatialAxes(layout)
  const size = (axis: number, what: 'width' | 'height'): number => {
    const fixed = shape[axis]
    const wanted = chosen[what]
    if (typeof fixed === 'number') {
      if (wanted !== undefined && wanted !== fixed) throw contradiction(file, `its input ${shapeText(shape)} fixes the ${what} at ${fixed}, so it cannot be ${wanted}`)
      return fixed
    }
    return wanted ?? guess(`input.${what}`, DEFAULT_SIZE, `the input ${shapeText(shape)} accepts any ${what}; ${DEFAULT_SIZE} is the usual ImageNet size`)
  }
  return { name: input.name, layout, height: size(heightAxis, 'height'), width: size(widthAxis, 'width'), fixedBatch: fixedBatchOf(shape) }
}

function contradiction(file: string, why: string): ModelError {
  return new ModelError('invalid-manifest', `${file} does not fit what was chosen: ${why}.`, { file })
}

/** The layout whose channel axis holds 3 (or, failing that, is left open by the graph). */
function proposeLayout(shape: Array<number | string>, name: string, file: string, guess: Guess): Layout {
  const layouts: Layout[] = ['nhwc', 'nchw']
  const exact = layouts.filter((layout) => shape[channelAxis(layout)] === 3)
  if (exact.length === 1) return exact[0] as Layout
  const open = layouts.filter((layout) => typeof shape[channelAxis(layout)] === 'string')
  const possible = exact.length > 0 ? exact : open
  if (possible.length === 0) {
    throw new ModelError('incompatible-model', `${file} has no image-like input: "${name}" is ${shapeText(shape)}, with 3 channels on neither axis 1 nor axis 3.`, {
      file,
    })
  }
  if (possible.length === 1) return possible[0] as Layout
  // Both axes could hold the channels: most ONNX files come from PyTorch, whose images are NCHW.
  return guess('input.layout', 'nchw', `the input ${shapeText(shape)} could be either order; NCHW is PyTorch's, where most ONNX files come from`)
}

/**
 * The output taken as the embedding: a batch × features output, else a 4-d feature map averaged over its positions,
 * else an output whose shape the graph does not give (pooling null: decided once a blank image has shown its shape).
 */
function proposeEmbedding(outputs: readonly OnnxValue[], file: string, guess: Guess): { source: OnnxValue; pooling: 'none' | 'avg' | null } {
  const floats = outputs.filter((output) => output.type === 'float32')
  const kinds = [
    { outputs: floats.filter((output) => output.shape?.length === 2), pooling: 'none', what: 'batch × features output' },
    { outputs: floats.filter((output) => output.shape?.length === 4), pooling: 'avg', what: '4-d feature map (averaged over its positions)' },
    { outputs: floats.filter((output) => output.shape === null), pooling: null, what: 'output of a shape the graph does not give' },
  ] as const
  const kind = kinds.find((entry) => entry.outputs.length > 0)
  const source = kind?.outputs[0]
  if (!kind || !source) {
    const listed = outputs.map((output) => `"${output.name}" ${output.type ?? 'non-tensor'} ${shapeText(output.shape)}`).join(', ')
    throw new ModelError(
      'incompatible-model',
      `${file} has no output that can be an embedding (a float32 batch × features, or a 4-d feature map to average); its outputs are ${listed || 'none'}.`,
      { file },
    )
  }
  const candidates = kinds.flatMap((entry) => entry.outputs)
  if (candidates.length > 1) {
    const names = candidates.map((output) => `"${output.name}"`).join(', ')
    guess('embedding.output', source.name, `several outputs could be the embedding (${names}); this is the first ${kind.what}`)
  } else if (kind.pooling === null) {
    guess('embedding.output', source.name, `the graph's only float32 output, of a shape it does not give`)
  }
  return { source, pooling: kind.pooling }
}

/** The output chosen as the embedding, which must be one of the file's float32 outputs. */
function chosenEmbedding(outputs: readonly OnnxValue[], name: string, file: string): { source: OnnxValue; pooling: 'none' | 'avg' | null } {
  const source = outputs.find((output) => output.name === name)
  if (!source) {
    const names = outputs.map((output) => `"${output.name}"`).join(', ')
    throw contradiction(file, `it has no output "${name}"; its outputs are ${names || 'none'}`)
  }
  if (source.type !== 'float32') throw contradiction(file, `its output "${name}" is ${source.type ?? 'not a tensor'}, and an embedding is float32`)
  const rank = source.shape?.length
  if (rank !== undefined && rank < 2) throw contradiction(file, `its output "${name}" is ${shapeText(source.shape)}, one value per image, which is no embedding`)
  return { source, pooling: rank === 4 ? 'avg' : rank === undefined ? null : 'none' }
}

/** Averaging over positions needs a 4-d feature map; an output whose shape the graph leaves open is checked once run. */
function checkedPooling(pooling: 'none' | 'avg', output: OnnxValue, file: string): 'none' | 'avg' {
  if (pooling === 'avg' && output.shape && output.shape.length !== 4) {
    throw contradiction(file, `its output "${output.name}" is ${shapeText(output.shape)}, not a 4-d feature map to average over its positions`)
  }
  return pooling
}

/** The embedding's pooling and length: from the output's shape, or, where the graph leaves them open, from one blank image. */
async function settleEmbedding(
  session: OnnxSession,
  input: ProposedInput,
  embedding: { source: OnnxValue; pooling: 'none' | 'avg' | null },
  file: string,
): Promise<{ pooling: 'none' | 'avg'; dimension: number }> {
  const known = embedding.pooling ? dimensionOf(embedding.source, embedding.pooling, input.layout) : null
  if (embedding.pooling && known) return { pooling: embedding.pooling, dimension: known }
  const shape = await runBlankImage(session, input, embedding.source.name, file)
  const pooling = embedding.pooling ? checkedPooling(embedding.pooling, { ...embedding.source, shape }, file) : shape.length === 4 ? 'avg' : 'none'
  const dimension = shape.length === 2 || shape.length === 4 ? dimensionOf({ ...embedding.source, shape }, pooling, input.layout) : null
  if (!dimension) {
    throw new ModelError(
      'incompatible-model',
      `The output "${embedding.source.name}" of ${file} is ${shapeText(shape)} for one image, which is no embedding (a batch × features, or a 4-d feature map to average).`,
      { file },
    )
  }
  return { pooling, dimension }
}

/** The shape of `output` for one blank image (a batch of the graph's fixed size, if it has one). */
async function runBlankImage(session: OnnxSession, input: ProposedInput, output: string, file: string): Promise<number[]> {
  const ort = await loadOnnxRuntime()
  const batch = input.fixedBatch ?? 1
  const dims = input.layout === 'nhwc' ? [batch, input.height, input.width, 3] : [batch, 3, input.height, input.width]
  try {
    const pixels = new ort.Tensor('float32', new Float32Array(batch * input.height * input.width * 3), dims)
    const tensor = (await session.run({ [input.name]: pixels }, [output]))[output]
    if (!tensor) throw new Error(`no "${output}" in the result`)
    const shape = [...tensor.dims]
    tensor.dispose()
    return shape
  } catch (error) {
    throw new ModelError('incompatible-model', `${file} does not run on a blank ${input.width}×${input.height} image: ${firstLine(messageOf(error))}.`, { file })
  }
}
