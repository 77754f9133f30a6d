import type { EmbeddingEngine } from '../ml'
import type { AnomalyMap, AnomalyRegion } from './anomaly-map'
import { backboneLayers, featureBatches, type BackboneReader } from './backbone-features'
import { meanAndSpread, MIN_SCORES_FOR_SPREAD, spreadThreshold } from './calibration'
import { AnomalyError } from './errors'
import type { ColourKind } from './image-input'
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
  /**
   * With two backbones, how far (pixels of the model's input) each one's map is widened, as a running maximum,
   * before the two are averaged: their peaks for one defect may lie a patch or two apart, and averaging would then dim
   * both. Magnetic tiles, image AUROC over both splits × three seeds (mean of each split's): 0.849 and 0.840 without,
   * 0.855 and 0.851 at 8 px (five of six runs higher), 0.856 and 0.854 at 16 px; a box then grows by the reach on each
   * side, so the smaller is kept.
   */
  peakReach: number
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
  peakReach: 8,
  edgePatches: 2,
  seed: 14,
  batchSize: 16,
}

/** What one backbone contributes to a model: its two layers' patch features of the good images, as a memory bank. */
export interface AnomalyMember {
  /** The backbone the bank was made with, and its two layers (stride 8, stride 16). */
  backbone: { modelId: string; layers: [string, string] }
  /** Patch grid of one picture (the stride-8 map's size). */
  grid: { height: number; width: number }
  dimension: number
  /** bankSize × dimension floats. */
  bank: Float32Array
  /** Patches of the bank's images before subsampling. */
  patchesSeen: number
  /**
   * The unit of this member's map in the model's: a model of two backbones divides each one's patch distances by the
   * spread (standard deviation) of the held-out good images' scores from that backbone alone, so neither outweighs
   * the other in the average by its scale; a model of one keeps patch distances (1). Only divided, not centred: taking
   * each one's mean away would move every score and the threshold by the same amount and change nothing else, and
   * left in, scores stay distances, never below 0.
   */
  spread: number
}

export interface AnomalyModel {
  /** One backbone, or two whose maps, each scaled by its held-out spread, are averaged (see partnerBackbone). */
  members: AnomalyMember[]
  settings: AnomalySettings
  colour: ColourKind
  /** Good images used: in the bank and held out. */
  goodImages: number
  heldOutImages: number
  /** In the model's units: patch distances for one backbone, held-out spreads for two. */
  threshold: number
  /** The held-out good images' scores, ascending (for the false-alarm rate of any threshold). */
  heldOutScores: number[]
}

/** Patch features kept in the model's banks, over its members. */
export function bankPatches(model: AnomalyModel): number {
  return model.members.reduce((sum, member) => sum + member.bank.length / member.dimension, 0)
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

/**
 * Fits a model on good pictures with each of `engines` (one backbone, or two whose maps are averaged). The held-out
 * split is the same for every backbone, and each backbone's bank is the one it would make alone. A second backbone is
 * left out when too few pictures are held out to measure the spread its scores are scaled by.
 */
export async function fitAnomalyModel(
  engines: readonly EmbeddingEngine[],
  paths: readonly string[],
  options: AnomalyWorkOptions & { settings?: Partial<AnomalySettings> } = {},
): Promise<AnomalyModel & AnomalySplit> {
  const settings = { ...DEFAULT_ANOMALY_SETTINGS, ...options.settings }
  if (paths.length === 0) throw new AnomalyError('no-good-images', 'There are no good images to learn from: give at least two pictures of parts without defects.')
  if (paths.length === 1) {
    throw new AnomalyError('too-few-images', 'One good image is not enough: at least two are needed, one to learn from and one to set the threshold with.')
  }
  const heldOutCount = heldOutCountOf(paths.length, settings)
  const used = secondBackboneUsable(paths.length, settings) ? engines : engines.slice(0, 1)
  const readers = used.map((engine) => ({ engine, layers: backboneLayers(engine) }))
  // Banks, then each backbone's held-out scores to scale by (only with two), then the model's held-out scores.
  const bankedCount = paths.length - heldOutCount
  const total = used.length * bankedCount + (used.length > 1 ? used.length + 1 : 1) * heldOutCount
  let done = 0
  const progress = (images: number) => options.onProgress?.((done += images), total)
  const kinds = new Map<ColourKind, string>()
  let split: AnomalySplit | null = null
  const members: AnomalyMember[] = []
  for (const reader of readers) {
    const fitted = await fitMember(reader, paths, heldOutCount, settings, kinds, options.signal, progress)
    split ??= fitted.split
    members.push(fitted.member)
  }
  const model: AnomalyModel = {
    members,
    settings,
    colour: [...kinds.keys()][0]!,
    goodImages: paths.length,
    heldOutImages: heldOutCount,
    threshold: 0,
    heldOutScores: [],
  }
  const { heldOutPaths } = split!
  // Scoring reports images done so far; the fit's progress adds up steps.
  const scoring = () => {
    let before = 0
    return {
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (images: number) => {
        progress(images - before)
        before = images
      },
    }
  }
  if (members.length > 1) {
    for (const [index, member] of members.entries()) {
      const scores = await scoreAnomalies({ ...model, members: [member] }, [used[index]!], heldOutPaths, scoring())
      member.spread = spreadOf(scores.map((scored) => scored.score))
    }
  }
  const scores = await scoreAnomalies(model, used, heldOutPaths, scoring())
  model.heldOutScores = scores.map((scored) => scored.score).sort((a, b) => a - b)
  model.threshold = spreadThreshold(model.heldOutScores, settings.thresholdSpreads)
  // Beside the model, not in it: an evaluation must leave out the bank's own pictures, which were learnt from.
  return { ...model, ...split! }
}

/** Good pictures held out of the bank to calibrate on: the settings' share, at least one, and one fewer than all. */
function heldOutCountOf(goodImages: number, settings: AnomalySettings): number {
  return Math.min(goodImages - 1, Math.max(1, Math.round(goodImages * settings.heldOutShare)))
}

/** Whether a fit of `goodImages` pictures holds out enough of them to scale a second backbone's scores by. */
export function secondBackboneUsable(goodImages: number, settings: Partial<AnomalySettings> = {}): boolean {
  return heldOutCountOf(goodImages, { ...DEFAULT_ANOMALY_SETTINGS, ...settings }) >= MIN_SCORES_FOR_SPREAD
}

/** One backbone's bank of the pictures not held out (the seeded order puts the held-out ones first). */
async function fitMember(
  reader: BackboneReader,
  paths: readonly string[],
  heldOutCount: number,
  settings: AnomalySettings,
  kinds: Map<ColourKind, string>,
  signal: AbortSignal | undefined,
  onStep: (images: number) => void,
): Promise<{ member: AnomalyMember; split: AnomalySplit }> {
  const worker = AnomalyWorker.shared()
  const { fit, order } = await worker.beginFit(settings.seed, paths.length)
  const heldOutPaths = Array.from(order.subarray(0, heldOutCount), (index) => paths[index]!)
  const bankPaths = Array.from(order.subarray(heldOutCount), (index) => paths[index]!)
  const rows: Float32Array[] = []
  let grid = { height: 0, width: 0 }
  let dimension = 0
  let patchesSeen = 0
  try {
    for await (const batch of featureBatches([reader], bankPaths, settings.batchSize, kinds, signal)) {
      const coreset = await worker.fitBatch(fit, batch.maps[0]!, batch.inputs.length, bankPaths.length, settings)
      grid = coreset.grid
      dimension = coreset.dimension
      patchesSeen += coreset.patches
      rows.push(coreset.rows)
      onStep(batch.inputs.length)
    }
  } finally {
    await worker.endFit(fit)
  }
  const bank = new Float32Array(rows.reduce((sum, part) => sum + part.length, 0))
  rows.reduce((offset, part) => (bank.set(part, offset), offset + part.length), 0)
  const member = { backbone: { modelId: reader.engine.manifest.id, layers: [...reader.layers] as [string, string] }, grid, dimension, bank, patchesSeen, spread: 1 }
  return { member, split: { bankPaths, heldOutPaths } }
}

/** The standard deviation of held-out scores; one of nothing (identical pictures) leaves the unit as it is. */
function spreadOf(scores: readonly number[]): number {
  const { spread } = meanAndSpread(scores)
  return spread > 0 ? spread : 1
}

/**
 * Scores pictures against a fitted model with its backbones' engines, in the order of its members; `threshold`
 * overrides the model's (a person's choice), `search` how the banks are searched (default 'auto': exact for small
 * banks, HNSW for large ones; see memory-bank.ts).
 */
export async function scoreAnomalies(
  model: AnomalyModel,
  engines: readonly EmbeddingEngine[],
  paths: readonly string[],
  options: AnomalyWorkOptions & { threshold?: number; search?: BankSearch } = {},
): Promise<ImageAnomaly[]> {
  const results: ImageAnomaly[] = []
  for await (const batch of scoredBatches(model, engines, paths, options, false)) results.push(...batch)
  return results
}

/** One picture's score, hot regions and whole anomaly map (at the model's input size), to show where it differs. */
export async function mapAnomaly(model: AnomalyModel, engines: readonly EmbeddingEngine[], path: string): Promise<MappedAnomaly> {
  for await (const [mapped] of scoredBatches(model, engines, [path], {}, true)) {
    if (mapped?.map) return { ...mapped, map: mapped.map }
  }
  throw new Error('a batch of one picture gave no map')
}

/** The pictures scored a batch at a time, each with its anomaly map when `withMaps` (maps are not kept otherwise). */
async function* scoredBatches(
  model: AnomalyModel,
  engines: readonly EmbeddingEngine[],
  paths: readonly string[],
  options: AnomalyWorkOptions & { threshold?: number; search?: BankSearch },
  withMaps: boolean,
): AsyncGenerator<Array<ImageAnomaly & { map?: AnomalyMap }>> {
  const learnt = model.members.map((member) => member.backbone.modelId)
  const given = engines.map((engine) => engine.manifest.id)
  if (learnt.join('\n') !== given.join('\n')) {
    throw new AnomalyError(
      'other-backbone',
      `This anomaly model was learnt with the image model${learnt.length > 1 ? 's' : ''} "${learnt.join('" and "')}", not "${given.join('" and "')}": learn it again with the model in use.`,
    )
  }
  const threshold = options.threshold ?? model.threshold
  const { settings } = model
  const kinds = new Map<ColourKind, string>([[model.colour, 'the good images']])
  const banks = model.members.map((member) => ({ rows: member.bank, dimension: member.dimension, search: options.search ?? 'auto', spread: member.spread }))
  const readers = model.members.map((member, index) => ({ engine: engines[index]!, layers: member.backbone.layers }))
  // Every member's map is made at the first backbone's input size, where they are averaged.
  const input = { width: engines[0]!.manifest.input.width, height: engines[0]!.manifest.input.height }
  const worker = AnomalyWorker.shared()
  for await (const batch of featureBatches(readers, paths, settings.batchSize, kinds, options.signal)) {
    const pictures = batch.inputs.map(({ width, height }) => ({ width, height }))
    const scores = await worker.scoreBatch(banks, batch.maps, pictures, input, threshold, settings, withMaps)
    yield scores.map(({ score, anomalous, regions, map }, index) => {
      const { width, height } = pictures[index]!
      return { path: batch.paths[index]!, width, height, score, anomalous, regions, ...(map && { map }) }
    })
    options.onProgress?.(batch.start + batch.paths.length, paths.length)
  }
}
