import type { Metadata } from 'sharp'
import { ImagingError, openImage } from '../imaging'
import { channelTriple, type ModelInputSpec } from './manifest'

/**
 * Turning image files into model input, on the main side (sharp/libvips decode off the JS thread in their own pool).
 *
 * Resize policy: by default the whole frame is resized to the model's input size ignoring aspect ratio ('squash'),
 * so nothing in the picture is cut away: for "looks like this" search the full composition matters more than exact
 * proportions, and a region search passes its own crop. 'centre-crop' (cover, centred) keeps proportions but drops the
 * edges of the long side. Resampling is sharp's default (Lanczos 3, which antialiases when shrinking).
 *
 * Decoding goes through imaging's openImage (BMP included, EXIF orientation applied), so crop regions are in the
 * coordinates of the picture as displayed. Alpha is flattened onto white; greyscale and CMYK become sRGB.
 */

export type ResizePolicy = 'squash' | 'centre-crop'

/** A rectangle in image pixels of the displayed (EXIF-oriented) picture. */
export interface CropRegion {
  x: number
  y: number
  width: number
  height: number
}

export interface PreprocessOptions {
  crop?: CropRegion
  resize?: ResizePolicy
  /** Which frame of a multi-frame file (DICOM); 0 for everything else. */
  frame?: number
}

export type ImageInput = string | Buffer

/** One image, or one image with its own crop (for region search). */
export type BatchItem = ImageInput | { input: ImageInput; crop?: CropRegion }

/** RGB bytes of an image at the model's input size, row-major, 3 bytes a pixel. */
export async function loadModelPixels(input: ImageInput, spec: ModelInputSpec, options: PreprocessOptions = {}): Promise<Uint8Array> {
  const { width, height } = spec.input
  const image = await openImage(input, options.frame ? { frame: options.frame } : undefined)
  try {
    let pipeline = image
    if (options.crop) {
      const shown = shownSize(await image.metadata())
      pipeline = pipeline.extract(clampRegion(options.crop, shown.width, shown.height))
    }
    const { data, info } = await pipeline
      .resize(width, height, options.resize === 'centre-crop' ? { fit: 'cover', position: 'centre' } : { fit: 'fill' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true })
    if (info.width !== width || info.height !== height || info.channels !== 3) {
      throw new ImagingError(`unexpected decoded shape ${info.width}×${info.height}×${info.channels}`)
    }
    return data
  } catch (error) {
    if (error instanceof ImagingError) throw error
    throw new ImagingError(`cannot decode image: ${firstLine(error instanceof Error ? error.message : String(error))}`)
  }
}

/** The picture's size as displayed (EXIF orientation applied), the pixels regions and crops are given in. */
export async function displayedSize(input: ImageInput, frame = 0): Promise<{ width: number; height: number }> {
  const image = await openImage(input, frame ? { frame } : undefined)
  return shownSize(await image.metadata())
}

function shownSize(metadata: Metadata): { width: number; height: number } {
  return metadata.autoOrient ?? { width: metadata.width, height: metadata.height }
}

/** Writes RGB bytes as normalised floats (`pixel * scale + offset`, per channel) into `target` at `offset`. */
export function normalisePixels(pixels: Uint8Array, spec: ModelInputSpec, target: Float32Array, offset = 0): void {
  const [scaleR, scaleG, scaleB] = channelTriple(spec.normalisation.scale)
  const [offsetR, offsetG, offsetB] = channelTriple(spec.normalisation.offset)
  const count = spec.input.width * spec.input.height * 3
  if (pixels.length !== count) throw new RangeError(`expected ${count} bytes of RGB, got ${pixels.length}`)
  if (offset + count > target.length) throw new RangeError('target too small')
  for (let i = 0; i < count; i += 3) {
    target[offset + i] = (pixels[i] as number) * scaleR + offsetR
    target[offset + i + 1] = (pixels[i + 1] as number) * scaleG + offsetG
    target[offset + i + 2] = (pixels[i + 2] as number) * scaleB + offsetB
  }
}

/** One image as model input: H×W×3 floats, normalised. */
export async function preprocessImage(input: ImageInput, spec: ModelInputSpec, options: PreprocessOptions = {}): Promise<Float32Array> {
  const pixels = await loadModelPixels(input, spec, options)
  const target = new Float32Array(pixels.length)
  normalisePixels(pixels, spec, target)
  return target
}

/**
 * Several images as one batch for EmbeddingEngine.embed: N×H×W×3 floats in one buffer of its own (so it can be
 * transferred). Decodes up to `concurrency` images at a time; rejects with the first image's ImagingError.
 */
export async function preprocessBatch(
  items: readonly BatchItem[],
  spec: ModelInputSpec,
  options: { resize?: ResizePolicy; concurrency?: number } = {},
): Promise<Float32Array> {
  const size = spec.input.width * spec.input.height * 3
  const batch = new Float32Array(items.length * size)
  const concurrency = Math.max(1, options.concurrency ?? 4)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      const item = items[index] as BatchItem
      const { input, crop } = typeof item === 'string' || Buffer.isBuffer(item) ? { input: item, crop: undefined } : item
      const pixels = await loadModelPixels(input, spec, { ...(crop ? { crop } : {}), ...(options.resize ? { resize: options.resize } : {}) })
      normalisePixels(pixels, spec, batch, index * size)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return batch
}

/** The crop, rounded to whole pixels and limited to the picture; an empty intersection is an error. */
export function clampRegion(region: CropRegion, imageWidth: number, imageHeight: number): { left: number; top: number; width: number; height: number } {
  const values = [region.x, region.y, region.width, region.height]
  if (values.some((value) => !Number.isFinite(value))) throw new ImagingError('crop region must be finite numbers')
  const left = Math.max(0, Math.floor(region.x))
  const top = Math.max(0, Math.floor(region.y))
  const right = Math.min(imageWidth, Math.ceil(region.x + region.width))
  const bottom = Math.min(imageHeight, Math.ceil(region.y + region.height))
  if (right <= left || bottom <= top) {
    throw new ImagingError(
      `crop region ${region.width}×${region.height} at (${region.x}, ${region.y}) lies outside the ${imageWidth}×${imageHeight} image`,
    )
  }
  return { left, top, width: right - left, height: bottom - top }
}

function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line.length > 0) ?? 'unknown error'
}
