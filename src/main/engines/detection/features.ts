import type { EmbeddingEngine, ModelManifest } from '../ml'
import { preprocessBatch, type BatchItem, type ImageInput } from '../ml/preprocess'
import type { Flip } from './boxes'
import { toHalf } from './half-floats'

/**
 * One picture, seen in one flip: the backbone's stride-8 ("fine") and stride-16 ("coarse") maps, H×W×C each, as
 * half-precision floats (half the memory of a training run's cache, see half-floats.ts), and its stride-32 map
 * averaged over the picture ("global": what the whole picture shows).
 */
export interface DetectionMaps {
  fine: Uint16Array
  coarse: Uint16Array
  global: Float32Array
  /**
   * The same picture mirrored left-right, when detecting or validating: the head's outputs on it, mirrored back, are
   * averaged with those on the picture (test-time augmentation), which steadies scores and sizes.
   */
  mirrored?: DetectionMaps
}

/**
 * The size of the maps a head reads: the backbone's input they were computed at, the fine grid (the coarse one is half
 * of it) and the maps' channels.
 */
export interface DetectionInputShape {
  inputHeight: number
  inputWidth: number
  gridHeight: number
  gridWidth: number
  fineChannels: number
  coarseChannels: number
  globalChannels: number
}

/** Pictures decoded together: enough to keep the backbone busy, few enough that a batch's maps stay small. */
const PICTURES_PER_BATCH = 8

/**
 * The fine and coarse maps of each picture in each of `flips` ([picture][flip]). A picture is decoded and squashed to
 * the model's input once; its flips are mirrored copies of those pixels, which is what the backbone would see of the
 * mirrored picture, so a flipped sample costs a forward pass but no decoding. Boxes are mirrored with flipBox. A
 * picture given with a crop is that part of it, stretched to the input (scale jitter, see zoom.ts).
 */
export async function detectionMaps(
  engine: EmbeddingEngine,
  pictures: readonly BatchItem[],
  flips: readonly Flip[],
  signal?: AbortSignal,
): Promise<{ shape: DetectionInputShape; maps: DetectionMaps[][] }> {
  const layers = detectionLayers(engine)
  const { width, height } = engine.manifest.input
  const shape: DetectionInputShape = {
    inputHeight: height,
    inputWidth: width,
    gridHeight: Math.ceil(height / 8),
    gridWidth: Math.ceil(width / 8),
    fineChannels: 0,
    coarseChannels: 0,
    globalChannels: 0,
  }
  const maps: DetectionMaps[][] = []
  for (let start = 0; start < pictures.length; start += PICTURES_PER_BATCH) {
    signal?.throwIfAborted()
    const slice = pictures.slice(start, start + PICTURES_PER_BATCH)
    const decoded = await preprocessBatch(slice, engine.manifest)
    const batch = mirrored(decoded, slice.length, width, height, flips)
    const { maps: [fine, coarse, global] } = await engine.features(batch, slice.length * flips.length, [layers.fine, layers.coarse, layers.global])
    shape.fineChannels = fine!.channels
    shape.coarseChannels = coarse!.channels
    shape.globalChannels = global!.channels
    if (fine!.height !== shape.gridHeight || coarse!.height !== Math.ceil(shape.gridHeight / 2)) {
      throw new Error(`${engine.manifest.name}: its stride-8 map is ${fine!.height} cells high and its stride-16 map ${coarse!.height}, not ${shape.gridHeight} and ${Math.ceil(shape.gridHeight / 2)}`)
    }
    const fineSize = fine!.height * fine!.width * fine!.channels
    const coarseSize = coarse!.height * coarse!.width * coarse!.channels
    const globalCells = global!.height * global!.width
    for (let picture = 0; picture < slice.length; picture++) {
      maps.push(
        flips.map((_, flip) => {
          const index = picture * flips.length + flip
          return {
            fine: toHalf(fine!.data.subarray(index * fineSize, (index + 1) * fineSize)),
            coarse: toHalf(coarse!.data.subarray(index * coarseSize, (index + 1) * coarseSize)),
            global: meanOverCells(global!.data, index * globalCells, globalCells, global!.channels),
          }
        }),
      )
    }
  }
  return { shape, maps }
}

/** Each picture's maps as detection reads them: with its mirror image's maps attached (see DetectionMaps.mirrored). */
export async function detectionViews(
  engine: EmbeddingEngine,
  pictures: readonly ImageInput[],
  signal?: AbortSignal,
): Promise<{ shape: DetectionInputShape; views: DetectionMaps[] }> {
  const { shape, maps } = await detectionMaps(engine, pictures, ['none', 'horizontal'], signal)
  return { shape, views: maps.map(([picture, mirrored]) => ({ ...picture!, mirrored: mirrored! })) }
}

/**
 * The side a backbone's input is stretched to at least, for the box detector. Small pictures (NEU's are 200 px) and
 * fine textures are seen larger, and the stride-8 grid has 40×40 cells rather than 28×28: with MobileNetV1 (224 px of
 * its own), held-out mAP50 on NEU-DET went from 0.432 and 0.456 to 0.486 and 0.511 (two seeded splits; README, "Box
 * detector"), each epoch taking about twice as long.
 */
export const MIN_DETECTION_SIDE = 320

/**
 * The input the detector runs `manifest`'s backbone at: a layers model (fully convolutional, converted or built at any
 * size, see engines/ml/input-size.ts) at MIN_DETECTION_SIDE or more on each side; other models as they are.
 */
export function detectionInput(manifest: Pick<ModelManifest, 'format' | 'input'>): { width: number; height: number } {
  const { width, height } = manifest.input
  if (manifest.format !== 'layers') return { width, height }
  return { width: Math.max(width, MIN_DETECTION_SIDE), height: Math.max(height, MIN_DETECTION_SIDE) }
}

/** The layers a head reads, or why this backbone cannot carry one. */
export function detectionLayers(engine: Pick<EmbeddingEngine, 'featureLayers' | 'manifest'>): { fine: string; coarse: string; global: string } {
  const fine = engine.featureLayers?.stride8
  const coarse = engine.featureLayers?.stride16
  const global = engine.featureLayers?.stride32
  if (!fine || !coarse || !global) {
    throw new Error(`${engine.manifest.name} does not give the stride-8, -16 and -32 feature maps the box detector reads; choose another image model.`)
  }
  return { fine, coarse, global }
}

/** The mean over `cells` cells (rows of `channels` numbers from row `first`) of a map. */
function meanOverCells(data: Float32Array, first: number, cells: number, channels: number): Float32Array {
  const mean = new Float32Array(channels)
  for (let cell = 0; cell < cells; cell++) {
    const from = (first + cell) * channels
    for (let c = 0; c < channels; c++) mean[c]! += data[from + c]!
  }
  for (let c = 0; c < channels; c++) mean[c]! /= cells
  return mean
}

/** n pictures (H×W×3 each) → n × flips pictures, each picture's flips side by side, in `flips` order. */
function mirrored(batch: Float32Array, n: number, width: number, height: number, flips: readonly Flip[]): Float32Array {
  const size = width * height * 3
  const out = new Float32Array(n * flips.length * size)
  for (let picture = 0; picture < n; picture++) {
    const source = batch.subarray(picture * size, (picture + 1) * size)
    flips.forEach((flip, index) => {
      const target = out.subarray((picture * flips.length + index) * size, (picture * flips.length + index + 1) * size)
      const horizontal = flip === 'horizontal' || flip === 'both'
      const vertical = flip === 'vertical' || flip === 'both'
      for (let y = 0; y < height; y++) {
        const fromRow = vertical ? height - 1 - y : y
        for (let x = 0; x < width; x++) {
          const from = (fromRow * width + (horizontal ? width - 1 - x : x)) * 3
          const to = (y * width + x) * 3
          target[to] = source[from]!
          target[to + 1] = source[from + 1]!
          target[to + 2] = source[from + 2]!
        }
      }
    })
  }
  return out
}
