/** A problem with an image file, carrying the sentence we show people (e.g. in the import report). */
export class ImagingError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'ImagingError'
  }
}

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
  ERR_FS_FILE_TOO_LARGE: 'file too large to read (over 2 GiB)',
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

/** The reason for any failure: our own sentences as they are, anything else (sharp, bmp-js) framed as damage. */
export function reasonFor(error: unknown, formatLabel: string | null): string {
  if (error instanceof ImagingError) return error.reason
  const detail = firstLine(messageOf(error))
  // sharp checks the header's size (limitInputPixels) before decoding anything.
  if (/exceeds pixel limit/i.test(detail)) return `image too large (${LIMIT_TEXT})`
  return formatLabel ? `truncated or corrupt ${formatLabel} file: ${detail}` : `cannot decode image: ${detail}`
}

export function imageTooLarge(width: number, height: number): ImagingError {
  return new ImagingError(`image too large (${width}×${height} pixels, ${LIMIT_TEXT})`)
}
