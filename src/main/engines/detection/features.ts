import type { EmbeddingEngine } from '../ml'
import { preprocessBatch, type ImageInput } from '../ml/preprocess'
import type { Flip } from './boxes'

/** One picture, seen in one flip: the backbone's stride-16 ("fine") and stride-32 ("coarse") maps, H×W×C each. */
export interface DetectionMaps {
  fine: Float32Array
  coarse: Float32Array
}

/** The size of the maps a head reads: the fine grid (the coarse one is half of it) and both maps' channels. */
export interface DetectionInputShape {
  gridHeight: number
  gridWidth: number
  fineChannels: number
  coarseChannels: number
}

/** Pictures decoded together: enough to keep the backbone busy, few enough that a batch's maps stay small. */
const PICTURES_PER_BATCH = 8

/**
 * The fine and coarse maps of each picture in each of `flips` ([picture][flip]). A picture is decoded and squashed to
 * the model's input once; its flips are mirrored copies of those pixels, which is what the backbone would see of the
 * mirrored picture, so a flipped sample costs a forward pass but no decoding. Boxes are mirrored with flipBox.
 */
export async function detectionMaps(
  engine: EmbeddingEngine,
  pictures: readonly ImageInput[],
  flips: readonly Flip[],
  signal?: AbortSignal,
): Promise<{ shape: DetectionInputShape; maps: DetectionMaps[][] }> {
  const layers = detectionLayers(engine)
  const { width, height } = engine.manifest.input
  const shape: DetectionInputShape = { gridHeight: Math.ceil(height / 16), gridWidth: Math.ceil(width / 16), fineChannels: 0, coarseChannels: 0 }
  const maps: DetectionMaps[][] = []
  for (let start = 0; start < pictures.length; start += PICTURES_PER_BATCH) {
    signal?.throwIfAborted()
    const slice = pictures.slice(start, start + PICTURES_PER_BATCH)
    const decoded = await preprocessBatch(slice, engine.manifest)
    const batch = mirrored(decoded, slice.length, width, height, flips)
    const { maps: [fine, coarse] } = await engine.features(batch, slice.length * flips.length, [layers.fine, layers.coarse])
    shape.fineChannels = fine!.channels
    shape.coarseChannels = coarse!.channels
    if (fine!.height !== shape.gridHeight || coarse!.height !== Math.ceil(shape.gridHeight / 2)) {
      throw new Error(`${engine.manifest.name}: its stride-16 map is ${fine!.height} cells high and its stride-32 map ${coarse!.height}, not ${shape.gridHeight} and ${Math.ceil(shape.gridHeight / 2)}`)
    }
    const fineSize = fine!.height * fine!.width * fine!.channels
    const coarseSize = coarse!.height * coarse!.width * coarse!.channels
    for (let picture = 0; picture < slice.length; picture++) {
      maps.push(
        flips.map((_, flip) => {
          const index = picture * flips.length + flip
          return {
            fine: fine!.data.slice(index * fineSize, (index + 1) * fineSize),
            coarse: coarse!.data.slice(index * coarseSize, (index + 1) * coarseSize),
          }
        }),
      )
    }
  }
  return { shape, maps }
}

/** The layers a head reads, or why this backbone cannot carry one. */
export function detectionLayers(engine: Pick<EmbeddingEngine, 'featureLayers' | 'manifest'>): { fine: string; coarse: string } {
  const fine = engine.featureLayers?.stride16
  const coarse = engine.featureLayers?.stride32
  if (!fine || !coarse) {
    throw new Error(`${engine.manifest.name} gives no stride-16 and stride-32 feature maps, which the box detector reads; choose another image model.`)
  }
  return { fine, coarse }
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
