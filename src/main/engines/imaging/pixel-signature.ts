import { openImage } from './open'

/** Side of the square greyscale picture an image is compared by: fine enough to keep a texture's grain at 200 px. */
export const SIGNATURE_SIDE = 64
/**
 * The detail kept: the picture smoothed over 3×3 (JPEG noise and resampling mostly live below that) minus its mean
 * over 7×7 (the light and shading two shots of one surface share). On NEU-DET this band kept copies (re-encoded,
 * halved, cropped) 0.06 above different images; the plain high-pass (picture minus 5×5 mean) let them overlap.
 */
const FINE_RADIUS = 1
const COARSE_RADIUS = 3
/** Side of the grid of block means kept for a first, rough comparison. */
export const BLOCKS_SIDE = 4

/**
 * An image shrunk to SIGNATURE_SIDE² grey levels (aspect ratio dropped, so any size compares with any other), with
 * its band of fine detail precomputed: copies are confirmed by their detail lining up, which two different shots of
 * the same texture or scene never do, however alike their overall light.
 */
export interface PixelSignature {
  /** Displayed width / height, to know how a crop that changed the proportions maps onto the square. */
  aspect: number
  grey: Float32Array
  detail: Float32Array
  /** Mean grey of each cell of a BLOCKS_SIDE² grid: the picture's layout of light, which a few % of crop hardly moves. */
  blocks: Float32Array
}

/** The signature of an image file (a DICOM file's frame `frame`), decoded with orientation applied. */
export async function pixelSignature(input: string | Buffer, frame = 0): Promise<PixelSignature> {
  const image = await openImage(input, { frame })
  const { autoOrient } = await image.metadata()
  const { data } = await image
    .removeAlpha()
    .greyscale()
    .resize(SIGNATURE_SIDE, SIGNATURE_SIDE, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const grey = Float32Array.from(data.subarray(0, SIGNATURE_SIDE * SIGNATURE_SIDE))
  const fine = boxMean(grey, FINE_RADIUS)
  const coarse = boxMean(grey, COARSE_RADIUS)
  return {
    aspect: autoOrient.width / autoOrient.height,
    grey,
    detail: fine.map((value, i) => value - coarse[i]!),
    blocks: blockMeans(grey),
  }
}

function blockMeans(grey: Float32Array): Float32Array {
  const cell = SIGNATURE_SIDE / BLOCKS_SIDE
  const out = new Float32Array(BLOCKS_SIDE * BLOCKS_SIDE)
  for (let y = 0; y < SIGNATURE_SIDE; y++) {
    for (let x = 0; x < SIGNATURE_SIDE; x++) out[Math.floor(y / cell) * BLOCKS_SIDE + Math.floor(x / cell)]! += grey[y * SIGNATURE_SIDE + x]! / (cell * cell)
  }
  return out
}

/** Each pixel's mean over the square of `radius` around it (at the edges, over the pixels there are). */
function boxMean(grey: Float32Array, radius: number): Float32Array {
  const side = SIGNATURE_SIDE
  const out = new Float32Array(grey.length)
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let sum = 0
      let count = 0
      for (let j = Math.max(0, y - radius); j <= Math.min(side - 1, y + radius); j++) {
        for (let i = Math.max(0, x - radius); i <= Math.min(side - 1, x + radius); i++) {
          sum += grey[j * side + i]!
          count++
        }
      }
      out[y * side + x] = sum / count
    }
  }
  return out
}
