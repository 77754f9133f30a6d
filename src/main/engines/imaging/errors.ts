import type { ImageFormat } from '../../../shared/api/schemas'
import { ImagingError } from '../image-error'

export { ImagingError }

/** The same ceiling as sharp's default limitInputPixels, so every format (BMP included) is refused at the same size. */
export const MAX_PIXELS = 0x3fff * 0x3fff
const LIMIT_TEXT = `over the ${Math.floor(MAX_PIXELS / 1e6)} megapixel limit`

const FS_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  ENOTDIR: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'path too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'file is locked by another program',
  EIO: 'input/output error (disk or network problem)',
}

/** "cannot read file: permission denied" — names the OS error in words, falling back to its code. */
export function unreadableFile(error: unknown): ImagingError {
  const code = (error as { code?: unknown } | null)?.code
  const described = typeof code === 'string' ? (FS_ERRORS[code] ?? code) : firstLine(messageOf(error))
  return new ImagingError(`cannot read file: ${described}`)
}

/** libvips messages can span lines and repeat a log; one short line is what fits a table cell. */
export function firstLine(message: string, maxLength = 160): string {
  const line = message
    .split('\n')
    .map((part) => part.trim())
    .find((part) => part.length > 0) ?? 'unknown error'
  const tidy = line.replace(/:$/, '')
  return tidy.length > maxLength ? `${tidy.slice(0, maxLength - 1)}…` : tidy
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** How formats are named in sentences people read. */
export const FORMAT_LABELS: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  tiff: 'TIFF',
  bmp: 'BMP',
  gif: 'GIF',
  dicom: 'DICOM',
}

/** The reason for any failure: our own sentences as they are, anything else (sharp, bmp-js) framed as damage. */
export function reasonFor(error: unknown, format: ImageFormat | null): string {
  if (error instanceof ImagingError) return error.reason
  const message = messageOf(error)
  // sharp checks the header's size (limitInputPixels) before decoding anything.
  if (/exceeds pixel limit/i.test(message)) return `image too large (${LIMIT_TEXT})`
  if (!format) return `cannot decode image: ${firstLine(message)}`
  return `truncated or corrupt ${FORMAT_LABELS[format]} file: ${firstLine(ownDetail(message, format))}`
}

/** libvips names the decoder that wrote a line ("VipsJpeg: …", "vipspng: …", "gifload_buffer: …", "tiff2vips: …"). */
const DECODERS: readonly [RegExp, ImageFormat][] = [
  [/jpe?g/i, 'jpeg'],
  [/png/i, 'png'],
  [/webp/i, 'webp'],
  [/gif/i, 'gif'],
  [/tiff/i, 'tiff'],
]
/** Words sharp puts before libvips' own. */
const SHARP_PREFIX = /^Input (?:buffer|file) has corrupt header:\s*/
const SHARP_WARNING = /^Warning treated as error due to failOn setting$/

/**
 * The part of a sharp message about this file. libvips keeps one error buffer for the whole process, so while several
 * files decode at once (an import runs three) a message can carry lines another file's decoder wrote: lines from a
 * decoder of another format are dropped, and our decoder's name is left out of the rest.
 */
function ownDetail(message: string, format: ImageFormat): string {
  const own: string[] = []
  for (const raw of message.split('\n')) {
    const line = raw.trim().replace(SHARP_PREFIX, '')
    if (line === '' || own.includes(line)) continue
    const domain = /^([A-Za-z][\w.-]*):\s+/.exec(line)
    const decoder = domain ? DECODERS.find(([name]) => name.test(domain[1]!))?.[1] : undefined
    if (decoder !== undefined && decoder !== format) continue
    own.push(decoder === format ? line.slice(domain![0].length) : line)
  }
  const [first] = own
  if (first === undefined || SHARP_WARNING.test(first)) return 'the decoder found damaged data'
  return first
}

export function imageTooLarge(width: number, height: number): ImagingError {
  return new ImagingError(`image too large (${width}×${height} pixels, ${LIMIT_TEXT})`)
}
