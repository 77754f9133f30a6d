import type { Random } from '../learning/random'
import type { FeatureMap } from '../ml'
import { anomalyMap, hotRegions, widenedMap, type AnomalyMap, type AnomalyRegion } from './anomaly-map'
import { greedyCoreset } from './coreset'
import type { MemoryBank } from './memory-bank'
import { patchFeatures } from './patch-features'

/**
 * What PatchCore does with one batch's two feature maps, in the anomaly worker (anomaly-worker.ts): when fitting, the
 * patch features and the coreset the bank keeps of them; when scoring, each picture's patch distances to the bank, its
 * anomaly map, score and hot regions. Only the results go back to the calling thread, never the maps or the patches.
 */

/** The settings this work reads (AnomalySettings has them all). */
export interface BatchSettings {
  channelsPerLayer: number
  coresetFraction: number
  maxBankPatches: number
  projection: number
  edgePatches: number
  smoothing: number
  peakReach: number
}

export interface BatchCoreset {
  /** The kept patches, `dimension` floats each. */
  rows: Float32Array
  grid: { height: number; width: number }
  dimension: number
  /** Patches of the batch before subsampling. */
  patches: number
}

/** The coreset of a batch of good pictures' patches; `bankedImages` of all batches make the bank. */
export function batchCoreset(
  maps: readonly FeatureMap[],
  images: number,
  bankedImages: number,
  settings: BatchSettings,
  random: Random,
): BatchCoreset {
  const patches = patchFeatures(maps[0]!, maps[1]!, images, settings.channelsPerLayer)
  const dimension = patches.dimension
  const count = patches.data.length / dimension
  const share = Math.min(settings.coresetFraction, settings.maxBankPatches / (bankedImages * patches.height * patches.width))
  const kept = greedyCoreset(patches.data, dimension, Math.max(1, Math.ceil(count * share)), random, settings.projection)
  const rows = new Float32Array(kept.length * dimension)
  kept.forEach((row, index) => rows.set(patches.data.subarray(row * dimension, (row + 1) * dimension), index * dimension))
  return { rows, grid: { height: patches.height, width: patches.width }, dimension, patches: count }
}

export interface PictureScore {
  score: number
  anomalous: boolean
  /** Connected areas of the map at or above the threshold, highest first, in the picture's pixels. */
  regions: AnomalyRegion[]
  /** The anomaly map at the model's input size, when asked for (to show where a picture differs). */
  map?: AnomalyMap
}

/** One backbone's part in scoring a batch: its bank, its two maps of the batch, and its units in the model's. */
export interface MemberBatch {
  bank: MemoryBank
  maps: readonly FeatureMap[]
  spread: number
}

/**
 * Scores a batch of pictures (`pictures`: their own sizes) against the members' banks: each member's map is made at the
 * model's `input` size and brought to the model's units, the members' maps are averaged, and the average's highest
 * value is the score, so the score, the threshold and the hot regions all read the one map that is shown. The map is
 * returned with each score when `withMaps`.
 */
export function batchScores(
  members: readonly MemberBatch[],
  pictures: ReadonlyArray<{ width: number; height: number }>,
  input: { width: number; height: number },
  threshold: number,
  settings: BatchSettings,
  withMaps: boolean,
): PictureScore[] {
  const searched = members.map(({ bank, maps, spread }) => {
    const patches = patchFeatures(maps[0]!, maps[1]!, pictures.length, settings.channelsPerLayer)
    return { patches, distances: bank.nearestDistances(patches.data), spread }
  })
  return pictures.map((picture, index) => {
    const maps = searched.map(({ patches, distances, spread }) => {
      const perImage = patches.height * patches.width
      const own = withoutEdges(distances.subarray(index * perImage, (index + 1) * perImage), patches, settings.edgePatches)
      const map = anomalyMap(own, patches, input, settings.smoothing)
      // Alone, a map is shown as it is; see AnomalySettings.peakReach for why two are widened before averaging.
      return { map: searched.length > 1 ? widenedMap(map, settings.peakReach) : map, spread }
    })
    const map = averagedMap(maps)
    const score = map.values.reduce((max, value) => Math.max(max, value), -Infinity)
    const inset = searched.length > 1 ? settings.peakReach : 0
    return { score, anomalous: score >= threshold, regions: hotRegions(map, threshold, picture, inset), ...(withMaps && { map }) }
  })
}

/** The members' maps, each divided by its spread, averaged; one map in patch distances is returned as it is. */
function averagedMap(maps: ReadonlyArray<{ map: AnomalyMap; spread: number }>): AnomalyMap {
  const [{ map: first, spread }] = maps as [(typeof maps)[number]]
  if (maps.length === 1 && spread === 1) return first
  const values = new Float32Array(first.values.length)
  for (const { map, spread } of maps) {
    const weight = 1 / (spread * maps.length)
    for (let i = 0; i < values.length; i++) values[i]! += map.values[i]! * weight
  }
  return { width: first.width, height: first.height, values }
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
