import type { EmbeddingEngine, FeatureMap } from '../ml'
import type { AnomalyMap, AnomalyRegion } from './anomaly-map'
import { spreadThreshold } from './calibration'
import { AnomalyError } from './errors'
import { loadAnomalyInput, type AnomalyInput, type ColourKind } from './image-input'
import type { BankSearch } from './memory-bank'
import { AnomalyWorker } from './worker-client'

/**
 * PatchCore (Roth et al. 2022) on Loupe's backbone: fitting keeps a coreset of the good images' patch features (the
 * memory bank); scoring measures each patch of a picture against its nearest bank patch, and the picture's score is
 * its anomaly map's highest value. The backbone runs in the inference worker (engine.features) and the patch, coreset,
 * search and map work in the anomaly worker (batch-work.ts), a batch at a time, so memory stays bounded by the batch
 * and the bank whatever the number of images. This thread only decodes pictures (libvips has its own pool) and moves
 * buffers between the two workers; the next batch goes through the backbone while the anomaly worker has the last.
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

/** A scored picture with its anomaly map: the model's input size, covering the whole picture stretched. */
export interface MappedAnomaly extends ImageAnomaly {
  map: AnomalyMap
}

/** Which of the given pictures went into the memory bank and which were held out to set the threshold. */
export interface AnomalySplit {
  bankPaths: string[]
  heldOutPaths: string[]
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
): Promise<AnomalyModel & AnomalySplit> {
  const settings = { ...DEFAULT_ANOMALY_SETTINGS, ...options.settings }
  if (paths.length === 0) throw new AnomalyError('no-good-images', 'There are no good images to learn from: give at least two pictures of parts without defects.')
  if (paths.length === 1) {
    throw new AnomalyError('too-few-images', 'One good image is not enough: at least two are needed, one to learn from and one to set the threshold with.')
  }
  const layers = backboneLayers(engine)
  const worker = AnomalyWorker.shared()
  const { fit, order } = await worker.beginFit(settings.seed, paths.length)
  const heldOutCount = Math.min(paths.length - 1, Math.max(1, Math.round(paths.length * settings.heldOutShare)))
  const heldOut = Array.from(order.subarray(0, heldOutCount), (index) => paths[index]!)
  const banked = Array.from(order.subarray(heldOutCount), (index) => paths[index]!)
  const total = paths.length
  const kinds = new Map<ColourKind, string>()

  const grids: Float32Array[] = []
  let grid = { height: 0, width: 0 }
  let dimension = 0
  let patchesSeen = 0
  try {
    for await (const batch of featureBatches(engine, banked, layers, settings.batchSize, kinds, options.signal)) {
      const coreset = await worker.fitBatch(fit, batch.maps, batch.inputs.length, banked.length, settings)
      grid = coreset.grid
      dimension = coreset.dimension
      patchesSeen += coreset.patches
      grids.push(coreset.rows)
      options.onProgress?.(batch.start + batch.inputs.length, total)
    }
  } finally {
    await worker.endFit(fit)
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
  // Beside the model, not in it: an evaluation must leave out the bank's own pictures, which were learnt from.
  return { ...model, bankPaths: banked, heldOutPaths: heldOut }
}

/**
 * Scores pictures against a fitted model; `threshold` overrides the model's (a person's choice), `search` how the bank
 * is searched (default 'auto': exact for small banks, HNSW for large ones; see memory-bank.ts).
 */
export async function scoreAnomalies(
  model: AnomalyModel,
  engine: EmbeddingEngine,
  paths: readonly string[],
  options: AnomalyWorkOptions & { threshold?: number; search?: BankSearch } = {},
): Promise<ImageAnomaly[]> {
  const results: ImageAnomaly[] = []
  for await (const batch of scoredBatches(model, engine, paths, options, false)) results.push(...batch)
  return results
}

/** One picture's score, hot regions and whole anomaly map (at the model's input size), to show where it differs. */
export async function mapAnomaly(model: AnomalyModel, engine: EmbeddingEngine, path: string): Promise<MappedAnomaly> {
  for await (const [mapped] of scoredBatches(model, engine, [path], {}, true)) {
    if (mapped?.map) return { ...mapped, map: mapped.map }
  }
  throw new Error('a batch of one picture gave no map')
}

/** The pictures scored a batch at a time, each with its anomaly map when `withMaps` (maps are not kept otherwise). */
async function* scoredBatches(
  model: AnomalyModel,
  engine: EmbeddingEngine,
  paths: readonly string[],
  options: AnomalyWorkOptions & { threshold?: number; search?: BankSearch },
  withMaps: boolean,
): AsyncGenerator<Array<ImageAnomaly & { map?: AnomalyMap }>> {
  if (engine.manifest.id !== model.backbone.modelId) {
    throw new AnomalyError(
      'other-backbone',
      `This anomaly model was learnt with the image model "${model.backbone.modelId}", not "${engine.manifest.id}": learn it again with the model in use.`,
    )
  }
  const threshold = options.threshold ?? model.threshold
  const { settings } = model
  const kinds = new Map<ColourKind, string>([[model.colour, 'the good images']])
  const bank = { rows: model.bank, dimension: model.dimension, search: options.search ?? 'auto' }
  const input = { width: engine.manifest.input.width, height: engine.manifest.input.height }
  const worker = AnomalyWorker.shared()
  for await (const batch of featureBatches(engine, paths, model.backbone.layers, settings.batchSize, kinds, options.signal)) {
    const pictures = batch.inputs.map(({ width, height }) => ({ width, height }))
    const scores = await worker.scoreBatch(bank, batch.maps, pictures, input, threshold, settings, withMaps)
    yield scores.map(({ score, anomalous, regions, map }, index) => {
      const { width, height } = pictures[index]!
      return { path: batch.paths[index]!, width, height, score, anomalous, regions, ...(map && { map }) }
    })
    options.onProgress?.(batch.start + batch.paths.length, paths.length)
  }
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

/**
 * The pictures of `paths`, a batch at a time, with their feature maps at `layers`. The next batch is decoded and sent
 * through the backbone while the caller works on this one; `signal` is checked before a batch starts and before it
 * is handed over.
 */
async function* featureBatches(
  engine: EmbeddingEngine,
  paths: readonly string[],
  layers: readonly [string, string],
  batchSize: number,
  kinds: Map<ColourKind, string>,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ start: number; paths: string[]; inputs: AnomalyInput[]; maps: FeatureMap[] }> {
  const prepare = async (start: number) => {
    signal?.throwIfAborted()
    const batch = paths.slice(start, start + batchSize)
    const inputs = await loadBatch(batch, engine, kinds)
    return { start, paths: batch, inputs, maps: await batchMaps(engine, inputs, layers) }
  }
  let next: ReturnType<typeof prepare> | null = null
  for (let start = 0; start < paths.length; start += batchSize) {
    const current = await (next ?? prepare(start))
    signal?.throwIfAborted()
    next = start + batchSize < paths.length ? prepare(start + batchSize) : null
    // Awaited on the next turn; until then a failure must not count as unhandled (the caller may stop first).
    next?.catch(() => undefined)
    yield current
  }
}

async function batchMaps(engine: EmbeddingEngine, inputs: readonly AnomalyInput[], layers: readonly [string, string]): Promise<FeatureMap[]> {
  const size = inputs[0]!.pixels.length
  const batch = new Float32Array(inputs.length * size)
  inputs.forEach((input, index) => batch.set(input.pixels, index * size))
  return (await engine.features(batch, inputs.length, layers)).maps
}
