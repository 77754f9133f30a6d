import { Random } from '../learning/random'
import type { EmbeddingEngine } from '../ml'
import { anomalyMap, hotRegions, type AnomalyRegion } from './anomaly-map'
import { spreadThreshold } from './calibration'
import { greedyCoreset } from './coreset'
import { AnomalyError } from './errors'
import { loadAnomalyInput, type AnomalyInput, type ColourKind } from './image-input'
import { nearestDistances } from './memory-bank'
import { patchFeatures } from './patch-features'

/**
 * PatchCore (Roth et al. 2022) on Loupe's backbone: fitting keeps a coreset of the good images' patch features (the
 * memory bank); scoring measures each patch of a picture against its nearest bank patch, and the picture's score is
 * its anomaly map's highest value. The backbone runs in the inference worker (engine.features); the pixel and
 * bank work runs here, a batch at a time, so memory stays bounded by the batch and the bank whatever the number of
 * images.
 */

export interface AnomalySettings {
  /** Channels each of the two feature maps is averaged down to; the patch vector has twice this. */
  channelsPerLayer: number
  /**
   * Share of each batch's patches the coreset keeps. 1% scored as well as 10% on the magnetic tiles (image AUROC .69
   * against .70 before other tuning) with a bank a tenth the size, so scoring is ten times faster.
   */
  coresetFraction: number
  /** Upper bound on the bank: with many good images the kept share shrinks so the bank stays this size. */
  maxBankPatches: number
  /** Dimensions of the random projection the coreset measures distances in. */
  projection: number
  /** Share of the good images held out of the bank to calibrate the threshold on (at least one). */
  heldOutShare: number
  /** The threshold is the held-out good images' mean score plus this many standard deviations (see calibration.ts). */
  thresholdSpreads: number
  /**
   * Rings of patches at the picture's edge whose distances are replaced by their inner neighbour's: next to the
   * convolutions' zero padding, edge and corner patches are unlike any others and raise false alarms (measured on the
   * magnetic tiles: image AUROC .76 with none, .82 with one ring, .86 with two). A defect at the very edge still
   * shows in the ring inside, through the 3×3 neighbourhood and the coarser map.
   */
  edgePatches: number
  /** Gaussian smoothing of the anomaly map, σ in pixels of the model's input. */
  smoothing: number
  /** Seeds the held-out split, the projection and the coreset's first patch: the same seed fits the same model. */
  seed: number
  /** Images per forward pass. */
  batchSize: number
}

export const DEFAULT_ANOMALY_SETTINGS: AnomalySettings = {
  channelsPerLayer: 128,
  coresetFraction: 0.01,
  maxBankPatches: 30_000,
  projection: 32,
  heldOutShare: 0.2,
  thresholdSpreads: 3,
  smoothing: 4,
  edgePatches: 2,
  seed: 14,
  batchSize: 16,
}

export interface AnomalyModel {
  /** The backbone the bank was made with, and its two layers (stride 8, stride 16). */
  backbone: { modelId: string; layers: [string, string] }
  settings: AnomalySettings
  colour: ColourKind
  /** Patch grid of one picture (the stride-8 map's size). */
  grid: { height: number; width: number }
  dimension: number
  /** bankSize × dimension floats. */
  bank: Float32Array
  /** Good images used: in the bank and held out. */
  goodImages: number
  heldOutImages: number
  /** Patches of the bank's images before subsampling. */
  patchesSeen: number
  threshold: number
  /** The held-out good images' scores, ascending (for the false-alarm rate of any threshold). */
  heldOutScores: number[]
}

export interface ImageAnomaly {
  path: string
  width: number
  height: number
  score: number
  anomalous: boolean
  /** Connected areas of the map at or above the threshold, highest first, in the picture's pixels. */
  regions: AnomalyRegion[]
}

export interface AnomalyWorkOptions {
  /** After each batch: images done of all. */
  onProgress?: (done: number, total: number) => void
  /** Checked between batches; aborting rejects with the signal's reason. */
  signal?: AbortSignal
}

export async function fitAnomalyModel(
  engine: EmbeddingEngine,
  paths: readonly string[],
  options: AnomalyWorkOptions & { settings?: Partial<AnomalySettings> } = {},
): Promise<AnomalyModel> {
  const settings = { ...DEFAULT_ANOMALY_SETTINGS, ...options.settings }
  if (paths.length === 0) throw new AnomalyError('no-good-images', 'There are no good images to learn from: give at least two pictures of parts without defects.')
  if (paths.length === 1) {
    throw new AnomalyError('too-few-images', 'One good image is not enough: at least two are needed, one to learn from and one to set the threshold with.')
  }
  const layers = backboneLayers(engine)
  const random = new Random(settings.seed)
  const order = random.shuffle(Int32Array.from(paths.keys()))
  const heldOutCount = Math.min(paths.length - 1, Math.max(1, Math.round(paths.length * settings.heldOutShare)))
  const heldOut = Array.from(order.subarray(0, heldOutCount), (index) => paths[index]!)
  const banked = Array.from(order.subarray(heldOutCount), (index) => paths[index]!)
  const total = paths.length
  const kinds = new Map<ColourKind, string>()

  const grids: Float32Array[] = []
  let grid = { height: 0, width: 0 }
  let dimension = 0
  let patchesSeen = 0
  for (let start = 0; start < banked.length; start += settings.batchSize) {
    options.signal?.throwIfAborted()
    const batch = banked.slice(start, start + settings.batchSize)
    const inputs = await loadBatch(batch, engine, kinds)
    const patches = await batchPatches(engine, inputs, layers, settings)
    grid = { height: patches.height, width: patches.width }
    dimension = patches.dimension
    const count = patches.data.length / dimension
    patchesSeen += count
    const share = Math.min(settings.coresetFraction, settings.maxBankPatches / (banked.length * patches.height * patches.width))
    const kept = greedyCoreset(patches.data, dimension, Math.max(1, Math.ceil(count * share)), random, settings.projection)
    const rows = new Float32Array(kept.length * dimension)
    kept.forEach((row, index) => rows.set(patches.data.subarray(row * dimension, (row + 1) * dimension), index * dimension))
    grids.push(rows)
    options.onProgress?.(start + batch.length, total)
  }
  const bank = new Float32Array(grids.reduce((sum, rows) => sum + rows.length, 0))
  grids.reduce((offset, rows) => (bank.set(rows, offset), offset + rows.length), 0)

  const model: AnomalyModel = {
    backbone: { modelId: engine.manifest.id, layers },
    settings,
    colour: [...kinds.keys()][0]!,
    grid,
    dimension,
    bank,
    goodImages: paths.length,
    heldOutImages: heldOut.length,
    patchesSeen,
    threshold: 0,
    heldOutScores: [],
  }
  const scores = await scoreAnomalies(model, engine, heldOut, {
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (done) => options.onProgress?.(banked.length + done, total),
  })
  model.heldOutScores = scores.map((scored) => scored.score).sort((a, b) => a - b)
  model.threshold = spreadThreshold(model.heldOutScores, settings.thresholdSpreads)
  return model
}

/** Scores pictures against a fitted model; `threshold` overrides the model's (a person's choice). */
export async function scoreAnomalies(
  model: AnomalyModel,
  engine: EmbeddingEngine,
  paths: readonly string[],
  options: AnomalyWorkOptions & { threshold?: number } = {},
): Promise<ImageAnomaly[]> {
  if (engine.manifest.id !== model.backbone.modelId) {
    throw new AnomalyError(
      'other-backbone',
      `This anomaly model was learnt with the image model "${model.backbone.modelId}", not "${engine.manifest.id}": learn it again with the model in use.`,
    )
  }
  const threshold = options.threshold ?? model.threshold
  const { settings } = model
  const kinds = new Map<ColourKind, string>([[model.colour, 'the good images']])
  const results: ImageAnomaly[] = []
  for (let start = 0; start < paths.length; start += settings.batchSize) {
    options.signal?.throwIfAborted()
    const batch = paths.slice(start, start + settings.batchSize)
    const inputs = await loadBatch(batch, engine, kinds)
    const patches = await batchPatches(engine, inputs, model.backbone.layers, settings)
    const distances = nearestDistances(model.bank, patches.data, model.dimension)
    const perImage = patches.height * patches.width
    inputs.forEach((input, index) => {
      const own = withoutEdges(distances.subarray(index * perImage, (index + 1) * perImage), patches, settings.edgePatches)
      const map = anomalyMap(own, patches, engine.manifest.input, settings.smoothing)
      const score = map.values.reduce((max, value) => Math.max(max, value), 0)
      results.push({
        path: batch[index]!,
        width: input.width,
        height: input.height,
        score,
        anomalous: score >= threshold,
        regions: hotRegions(map, threshold, input),
      })
    })
    options.onProgress?.(start + batch.length, paths.length)
  }
  return results
}

/**
 * Layers measured to work better than a stage's last layer, by backbone. MobileNetV1's stride-16 stage is eleven
 * layers deep; its first pointwise convolution (conv_13) keeps the mid-level texture PatchCore relies on, where the
 * stage's end (conv_23) is already close to object parts (magnetic tiles, held-out tiles: image AUROC .86 against .75;
 * conv_9 + conv_13 .81, conv_11 + conv_15 .76).
 */
const MEASURED_LAYERS: Readonly<Record<string, readonly [string, string]>> = {
  'mobilenet-v1-1.0-224': ['conv_11', 'conv_13'],
  // MobileNetV2 1.0 (layers named by their operator in the .tflite file): the stride-16 stage's fifth expansion
  // (conv_40, the first of 576 channels) against the stage's last (conv_48), each with the stride-8 stage's last
  // expansion, conv_22: image AUROC .78 against .76 learnt on the first 60% of the good tiles, .86 against .83 learnt
  // on the last 60% (means over three seeds, which alone move a figure by up to .05; conv_25, the stage's first
  // expansion, one seed: .80 and .82 against conv_40's .81 and .86).
  'mobilenet-v2-1.0-224': ['conv_22', 'conv_40'],
}

/** The stride-8 and stride-16 layers: measured ones for a known backbone, else the engine's stage ends. */
function backboneLayers(engine: EmbeddingEngine): [string, string] {
  const measured = MEASURED_LAYERS[engine.manifest.id]
  if (measured) return [...measured]
  const fine = engine.featureLayers?.stride8
  const coarse = engine.featureLayers?.stride16
  if (!fine || !coarse) {
    throw new AnomalyError(
      'no-feature-maps',
      `The image model "${engine.manifest.name}" gives no stride-8 and stride-16 feature maps, which anomaly detection needs: use a convolutional model such as MobileNet.`,
    )
  }
  return [fine, coarse]
}

/** Loads pictures (four decodes at a time), refusing one of the other colour kind than those seen so far. */
async function loadBatch(paths: readonly string[], engine: EmbeddingEngine, kinds: Map<ColourKind, string>): Promise<AnomalyInput[]> {
  const inputs: AnomalyInput[] = new Array(paths.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++
      inputs[index] = await loadAnomalyInput(paths[index]!, engine.manifest)
    }
  }
  await Promise.all(Array.from({ length: Math.min(4, paths.length) }, worker))
  inputs.forEach((input, index) => {
    const other = [...kinds].find(([kind]) => kind !== input.colour)
    if (other) {
      throw new AnomalyError(
        'mixed-channels',
        `${paths[index]} is a ${input.colour} picture, but ${other[1]} ${other[1] === 'the good images' ? 'are' : 'is'} ${other[0]}: one anomaly model learns grey or colour pictures, not both.`,
      )
    }
    if (!kinds.has(input.colour)) kinds.set(input.colour, paths[index]!)
  })
  return inputs
}

async function batchPatches(engine: EmbeddingEngine, inputs: readonly AnomalyInput[], layers: readonly [string, string], settings: AnomalySettings) {
  const size = inputs[0]!.pixels.length
  const batch = new Float32Array(inputs.length * size)
  inputs.forEach((input, index) => batch.set(input.pixels, index * size))
  const { maps } = await engine.features(batch, inputs.length, layers)
  return patchFeatures(maps[0]!, maps[1]!, inputs.length, settings.channelsPerLayer)
}

/** The grid's distances with the outer `rings` replaced by the nearest inner patch's (so the map stays continuous). */
function withoutEdges(distances: Float32Array, grid: { height: number; width: number }, rings: number): Float32Array {
  if (rings <= 0 || grid.height <= 2 * rings || grid.width <= 2 * rings) return distances
  const out = new Float32Array(distances.length)
  const clamp = (value: number, size: number) => Math.min(Math.max(value, rings), size - 1 - rings)
  for (let y = 0; y < grid.height; y++) {
    for (let x = 0; x < grid.width; x++) out[y * grid.width + x] = distances[clamp(y, grid.height) * grid.width + clamp(x, grid.width)]!
  }
  return out
}
