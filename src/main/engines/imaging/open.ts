import { createRequire } from 'node:module'
import type { Sharp, SharpOptions } from 'sharp'
import type { ImageFormat } from '../../../shared/api/schemas'
import { dicomFrameSharp } from '../dicom/raster'
import { decodeBmp } from './bmp'
import { ImagingError, MAX_PIXELS } from './errors'
import { looksLikeText, nameOtherFormat, sniffImageFormat } from './formats'
import { readImageBytes } from './read-file'

const requireHere = createRequire(import.meta.url)
let sharpModule: typeof import('sharp').default | undefined

/** sharp (libvips) is loaded on the first decode, not at start-up: commands such as `loupe stats` never touch pixels. */
function sharp(input: Buffer | Uint8Array, options: SharpOptions): Sharp {
  sharpModule ??= requireHere('sharp') as typeof import('sharp').default
  return sharpModule(input, options)
}

/**
 * 'warning' is sharp's strictest level: besides truncation it refuses JPEGs with damaged data segments (e.g. a zeroed
 * block), which 'truncated' and 'error' let through. All of coco128, cifar10-mini and neu-det pass it.
 * autoOrient so every consumer (thumbnails, previews, the CNN) sees the picture the way it is displayed.
 */
const DECODE_OPTIONS = {
  failOn: 'warning',
  autoOrient: true,
  limitInputPixels: MAX_PIXELS,
} as const satisfies SharpOptions

/** The format by magic bytes, or the reason the bytes are not an image we read. */
export function identify(bytes: Uint8Array): ImageFormat {
  if (bytes.length === 0) throw new ImagingError('empty file (0 bytes)')
  const format = sniffImageFormat(bytes)
  if (format) return format
  const other = nameOtherFormat(bytes)
  if (other) throw new ImagingError(`not a supported image format (${other})`)
  if (looksLikeText(bytes)) throw new ImagingError('not an image (looks like text)')
  throw new ImagingError('not a supported image format')
}

/** Decoding is lazy: damage inside the pixel data surfaces when the returned pipeline runs. DICOM goes through openImage. */
export function decoderFor(bytes: Buffer, format: ImageFormat): Sharp {
  if (format === 'dicom') throw new Error('DICOM frames are decoded by openImage')
  if (format !== 'bmp') return sharp(bytes, DECODE_OPTIONS)
  const { data, width, height, channels } = decodeBmp(bytes)
  return sharp(data, { ...DECODE_OPTIONS, raw: { width, height, channels } })
}

/**
 * A sharp instance for any supported file, BMP included, with EXIF orientation already applied (so use
 * `metadata().autoOrient` for displayed dimensions). Rejects with an ImagingError when the file cannot be read or is
 * not a supported image; corrupt pixel data makes the pipeline's output call reject instead. A DICOM file gives the
 * frame asked for (the first by default), rendered to 8 bits with its default window.
 */
export async function openImage(input: string | Buffer, options?: { frame?: number }): Promise<Sharp> {
  const bytes = typeof input === 'string' ? await readImageBytes(input) : input
  const format = identify(bytes)
  if (format === 'dicom') return dicomFrameSharp(bytes, options?.frame ?? 0)
  return decoderFor(bytes, format)
}
