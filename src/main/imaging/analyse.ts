import { createHash } from 'node:crypto'
import type { WebpOptions } from 'sharp'
import type { ImageFormat } from '../../shared/api/schemas'
import { reasonFor } from './errors'
import { FORMAT_LABELS } from './formats'
import { decoderFor, identify, readImageBytes } from './open'

export interface ImageFacts {
  format: ImageFormat
  /** As displayed, i.e. after applying EXIF orientation (orientation 5-8 swaps width and height). */
  width: number
  height: number
  /** EXIF orientation 1..8, 1 when absent. */
  orientation: number
  /** File size. */
  bytes: number
  /** sha256 hex of the file's bytes. */
  contentHash: string
}

export type Analysis = { ok: true; facts: ImageFacts; thumbnail: Buffer } | { ok: false; reason: string }

export const DEFAULT_THUMBNAIL_SIZE = 256

/**
 * Effort 1 encodes a 256 px thumbnail in ~2.6 ms against ~6.2 ms at the default 4, at about the same size and look:
 * at import rates that is a sixth of the per-image budget.
 */
const THUMBNAIL_WEBP: WebpOptions = { quality: 75, effort: 1 }

/**
 * Reads the file once: hash, sniff the format by magic bytes (not by extension), decode fully (so truncated/corrupt
 * files are caught), and make a WebP thumbnail (longest side `thumbnailSize`, EXIF orientation applied, never
 * upscaled). Never rejects: every problem becomes `{ ok: false, reason }` with a sentence for people.
 */
export async function analyseImageFile(path: string, options?: { thumbnailSize?: number }): Promise<Analysis> {
  const size = options?.thumbnailSize ?? DEFAULT_THUMBNAIL_SIZE
  if (!Number.isInteger(size) || size < 1) return { ok: false, reason: `invalid thumbnail size ${size}` }
  let format: ImageFormat | null = null
  try {
    const bytes = await readImageBytes(path)
    format = identify(bytes)
    const image = decoderFor(bytes, format)
    const metadata = await image.metadata()
    const { width, height } = metadata.autoOrient
    // Shrink-on-load: resizing straight from the encoded bytes lets libjpeg/libwebp decode at reduced scale, which
    // still reads every byte, so truncation and damaged data are still caught (failOn), without a second full decode.
    const thumbnailDone = image
      .resize(size, size, { fit: 'inside', withoutEnlargement: true })
      .webp(THUMBNAIL_WEBP)
      .toBuffer()
    // Hash on this thread while libvips decodes on its own.
    const contentHash = createHash('sha256').update(bytes).digest('hex')
    const thumbnail = await thumbnailDone
    const orientation = exifOrientation(metadata.orientation)
    return { ok: true, facts: { format, width, height, orientation, bytes: bytes.length, contentHash }, thumbnail }
  } catch (error) {
    return { ok: false, reason: reasonFor(error, format && FORMAT_LABELS[format]) }
  }
}

/** Out-of-range tags are ignored by autoOrient, so they mean "as stored", i.e. 1. */
function exifOrientation(tag: number | undefined): number {
  return tag !== undefined && Number.isInteger(tag) && tag >= 1 && tag <= 8 ? tag : 1
}

