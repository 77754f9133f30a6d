import { ImagingError, openImage } from '../imaging'
import { loadModelPixels, normalisePixels, type ModelInputSpec } from '../ml'

/**
 * Pictures as anomaly detection feeds them to the backbone.
 *
 * Resize policy: the whole picture is stretched to the model's input size (squash), whatever its size and aspect, so
 * every part of the part is inspected and a defect at an edge is not cropped away; the anomaly map is stretched back the
 * same way, so boxes land in the original picture's pixels. Good and scored images go through the same stretch, so the
 * model learns good texture as it will see it (tiles of varied aspect are stretched differently, which the nearest-
 * patch comparison tolerates; a camera of one framing is stretched identically every time).
 *
 * Grey pictures become RGB by repeating the grey value (what ImageNet backbones expect). Each picture's brightness is
 * then standardised (mean and spread of its pixel values brought to fixed values): inspection images of one product
 * differ strongly in exposure and lighting, and a model of "good" that keeps exposure flags lighting, not defects.
 *
 * Colour kind: after the grey→RGB step every picture has three channels, so "channel count" means what the picture
 * holds: grey (one channel in the file, or three equal ones) or colour. A model is of one kind; see AnomalyError
 * 'mixed-channels'.
 */

export type ColourKind = 'grey' | 'colour'

export interface AnomalyInput {
  /** H×W×3 normalised floats at the model's input size. */
  pixels: Float32Array
  /** The picture's own size (EXIF orientation applied), the pixels regions are given in. */
  width: number
  height: number
  colour: ColourKind
}

const TARGET_MEAN = 128
const TARGET_SPREAD = 48
/** Mean |R−G| + |G−B| below which a three-channel picture counts as grey (JPEG leaves a little chroma noise). */
const GREY_TOLERANCE = 1.5

export async function loadAnomalyInput(path: string, spec: ModelInputSpec): Promise<AnomalyInput> {
  const metadata = await (await openImage(path)).metadata()
  const shown = metadata.autoOrient ?? { width: metadata.width, height: metadata.height }
  if (!shown.width || !shown.height) throw new ImagingError(`cannot read the size of ${path}`)
  const bytes = await loadModelPixels(path, spec)
  const fileChannels = (metadata.channels ?? 3) - (metadata.hasAlpha ? 1 : 0)
  const colour: ColourKind = fileChannels === 1 || chromaOf(bytes) < GREY_TOLERANCE ? 'grey' : 'colour'
  const pixels = new Float32Array(bytes.length)
  normalisePixels(standardiseBrightness(bytes), spec, pixels)
  return { pixels, width: shown.width, height: shown.height, colour }
}

function chromaOf(bytes: Uint8Array): number {
  let sum = 0
  for (let i = 0; i < bytes.length; i += 3) sum += Math.abs(bytes[i]! - bytes[i + 1]!) + Math.abs(bytes[i + 1]! - bytes[i + 2]!)
  return sum / (bytes.length / 3)
}

/** Pixel values shifted and scaled to a fixed mean and spread (a flat picture is only shifted). */
function standardiseBrightness(bytes: Uint8Array): Uint8Array {
  let sum = 0
  let squares = 0
  for (const value of bytes) {
    sum += value
    squares += value * value
  }
  const mean = sum / bytes.length
  const spread = Math.sqrt(Math.max(squares / bytes.length - mean * mean, 0))
  const gain = spread > 1 ? TARGET_SPREAD / spread : 1
  const out = new Uint8Array(bytes.length)
  for (let i = 0; i < bytes.length; i++) out[i] = Math.min(255, Math.max(0, Math.round((bytes[i]! - mean) * gain + TARGET_MEAN)))
  return out
}

