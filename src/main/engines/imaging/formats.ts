import type { ImageFormat } from '../../../shared/api/schemas'
import { sniffDicom } from '../dicom/parse'

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b)

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0))

// Every BITMAPINFOHEADER revision Windows and OS/2 ever wrote; "BM" alone is too weak a signature (text can start
// with it).
const BMP_DIB_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124])

/** Sniff from the first bytes; null when not one of our formats. */
export function sniffImageFormat(head: Uint8Array): ImageFormat | null {
  // First: a DICOM preamble may itself hold another format's signature (TIFF, for dual-format files).
  if (startsWith(head, ascii('DICM'), 128)) return 'dicom'
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'gif'
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp'
  // Classic TIFF (42) and BigTIFF (43), in either byte order.
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff'
  if (startsWith(head, [0x49, 0x49, 0x2b, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff'
  if (startsWith(head, ascii('BM')) && head.length >= 18) {
    const dibHeaderSize = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(14, true)
    if (BMP_DIB_HEADER_SIZES.has(dibHeaderSize)) return 'bmp'
  }
  // Part 10 files ("DICM" after the preamble, or at the start without one), or a bare data set.
  if (sniffDicom(head)) return 'dicom'
  return null
}

/** True when Chromium can display the original file directly in <img>. TIFF and DICOM cannot; the others can. */
export function browserCanDisplay(format: ImageFormat): boolean {
  return format !== 'tiff' && format !== 'dicom'
}

// Formats people plausibly drop into an image folder that we do not read: naming them makes the refusal self-explanatory.
const OTHER_FORMATS: ReadonlyArray<{ name: string; matches: (head: Uint8Array) => boolean }> = [
  { name: 'HEIC', matches: (h) => isoBrand(h, ['heic', 'heix', 'heim', 'heis', 'hevc', 'mif1', 'msf1']) },
  { name: 'AVIF', matches: (h) => isoBrand(h, ['avif', 'avis']) },
  { name: 'JPEG 2000', matches: (h) => startsWith(h, [0, 0, 0, 0x0c, ...ascii('jP  ')]) || startsWith(h, [0xff, 0x4f, 0xff, 0x51]) },
  { name: 'JPEG XL', matches: (h) => startsWith(h, [0xff, 0x0a]) || startsWith(h, [0, 0, 0, 0x0c, ...ascii('JXL ')]) },
  { name: 'PDF', matches: (h) => startsWith(h, ascii('%PDF-')) },
  { name: 'Photoshop PSD', matches: (h) => startsWith(h, ascii('8BPS')) },
  { name: 'ICO', matches: (h) => startsWith(h, [0, 0, 1, 0]) && h.length >= 6 && h[4]! + h[5]! > 0 },
  { name: 'ZIP archive', matches: (h) => startsWith(h, ascii('PK\x03\x04')) },
  { name: 'SVG', matches: (h) => /<svg[\s>]/i.test(new TextDecoder().decode(h.subarray(0, 1024))) },
]

function isoBrand(head: Uint8Array, brands: readonly string[]): boolean {
  return startsWith(head, ascii('ftyp'), 4) && brands.some((brand) => startsWith(head, ascii(brand), 8))
}

/** The name of a well-known format we do not support, when the bytes are one. */
export function nameOtherFormat(head: Uint8Array): string | null {
  return OTHER_FORMATS.find((format) => format.matches(head))?.name ?? null
}

const TEXT_SAMPLE_BYTES = 1024

/** Heuristic: the head decodes as UTF-8 (or carries a UTF-16 byte-order mark) and is nearly free of control characters. */
export function looksLikeText(head: Uint8Array): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true
  const sample = head.subarray(0, TEXT_SAMPLE_BYTES)
  if (sample.length === 0 || sample.includes(0)) return false
  const text = decodeUtf8Prefix(sample)
  if (text === null) return false
  let controls = 0
  for (const char of text) {
    const code = char.charCodeAt(0)
    const allowed = code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0x1b
    if ((code < 0x20 && !allowed) || code === 0x7f) controls += 1
  }
  // A stray control byte or two still reads as text to a person; binary formats are full of them.
  return controls / text.length < 0.02
}

/** Decodes strictly; the sample may end part-way through a multi-byte character, so retry without up to 3 trailing bytes. */
function decodeUtf8Prefix(bytes: Uint8Array): string | null {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  for (let cut = 0; cut <= 3 && cut < bytes.length; cut += 1) {
    try {
      return decoder.decode(bytes.subarray(0, bytes.length - cut))
    } catch {
      // try again with the partial character removed
    }
  }
  return null
}
