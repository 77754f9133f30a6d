import bmp from 'bmp-js'
import { ImagingError, MAX_PIXELS, imageTooLarge } from './errors'

/** Decoded pixels in the layout sharp's `raw` input expects: RGB or RGBA, rows top to bottom. */
export interface RawImage {
  data: Buffer
  width: number
  height: number
  channels: 3 | 4
}

const FILE_HEADER_BYTES = 14
const INFO_HEADER_BYTES = 40
const BI_RGB = 0
const BI_RLE8 = 1
const BI_RLE4 = 2
const BI_BITFIELDS = 3
// Whether inside a V2+ header or right after a 40-byte one, the red, green and blue masks start here.
const MASKS_AT = FILE_HEADER_BYTES + INFO_HEADER_BYTES

interface BmpLayout {
  width: number
  height: number
  topDown: boolean
  bitsPerPixel: number
  compression: number
  paletteBytes: Buffer
  masks: Buffer
  pixels: Buffer
}

/**
 * Decodes a BMP with bmp-js (libvips' prebuilt binaries cannot read BMP). bmp-js assumes the 40-byte Windows 3 header,
 * reads the palette and pixels from wherever that header ends, and trusts nothing else in the file, so headers written
 * by newer tools (108/124-byte V4/V5, e.g. ImageMagick's) would decode shifted garbage. We validate the file and hand
 * bmp-js a rebuilt copy laid out the way it expects; layouts it would decode wrongly are refused with a reason.
 */
export function decodeBmp(file: Buffer): RawImage {
  const layout = readLayout(file)
  let decoded
  try {
    decoded = bmp.decode(normalisedFile(layout))
  } catch (error) {
    // bmp-js reads past the end of its buffer (RangeError) when compressed pixel data stops early.
    if (error instanceof RangeError) throw new ImagingError('truncated or corrupt BMP file: pixel data ends early')
    throw error
  }
  return toRgb(decoded.data, layout.width, layout.height, layout.bitsPerPixel === 32)
}

function readLayout(file: Buffer): BmpLayout {
  if (file.length < FILE_HEADER_BYTES + INFO_HEADER_BYTES) {
    throw new ImagingError('truncated or corrupt BMP file: header ends early')
  }
  const headerSize = file.readUInt32LE(14)
  if (headerSize < INFO_HEADER_BYTES) throw unsupported(`old OS/2 header of ${headerSize} bytes`)
  const width = file.readInt32LE(18)
  const signedHeight = file.readInt32LE(22)
  const height = Math.abs(signedHeight)
  const bitsPerPixel = file.readUInt16LE(28)
  const compression = file.readUInt32LE(30)
  const colorsUsed = file.readUInt32LE(46)
  const pixelOffset = file.readUInt32LE(10)

  if (width <= 0 || height === 0) {
    throw new ImagingError(`truncated or corrupt BMP file: invalid size ${width}×${signedHeight}`)
  }
  if (width * height > MAX_PIXELS) throw imageTooLarge(width, height)
  checkSupported(bitsPerPixel, compression)

  if (compression === BI_BITFIELDS) checkMasks(file, bitsPerPixel)
  // bmp-js reads four masks (red, green, blue, unused) after the header, then the pixels. Standard B-G-R(-A) 32-bit
  // masks are exactly what it decodes as plain BI_RGB; its own 32-bit bitfields branch assumes another byte order.
  const masks =
    compression === BI_BITFIELDS && bitsPerPixel === 16
      ? Buffer.concat([file.subarray(MASKS_AT, MASKS_AT + 12), Buffer.alloc(4)])
      : Buffer.alloc(0)
  const paletteBytes = bitsPerPixel <= 8 ? readPalette(file, headerSize, bitsPerPixel, colorsUsed) : Buffer.alloc(0)
  if (pixelOffset < FILE_HEADER_BYTES + headerSize || pixelOffset > file.length) {
    throw new ImagingError(`truncated or corrupt BMP file: pixel data offset ${pixelOffset} is outside the file`)
  }
  const pixels = file.subarray(pixelOffset)
  if (compression === BI_RGB || compression === BI_BITFIELDS) {
    const rowBytes = Math.ceil((bitsPerPixel * width) / 32) * 4
    if (pixels.length < rowBytes * height) throw new ImagingError('truncated or corrupt BMP file: pixel data ends early')
  }
  const plainCompression = bitsPerPixel === 32 ? BI_RGB : compression
  const topDown = signedHeight < 0
  return { width, height, topDown, bitsPerPixel, compression: plainCompression, paletteBytes, masks, pixels }
}

function checkSupported(bitsPerPixel: number, compression: number): void {
  const supported =
    (compression === BI_RGB && [1, 4, 8, 16, 24, 32].includes(bitsPerPixel)) ||
    (compression === BI_RLE8 && bitsPerPixel === 8) ||
    (compression === BI_RLE4 && bitsPerPixel === 4) ||
    (compression === BI_BITFIELDS && (bitsPerPixel === 16 || bitsPerPixel === 32))
  if (!supported) throw unsupported(`${bitsPerPixel}-bit, compression ${compression}`)
}

/** bmp-js only handles the usual channel layouts correctly: 5-5-5 / 5-6-5 for 16-bit, B-G-R(-A) bytes for 32-bit. */
function checkMasks(file: Buffer, bitsPerPixel: number): void {
  if (file.length < MASKS_AT + 12) throw new ImagingError('truncated or corrupt BMP file: header ends early')
  const [red, green, blue] = [0, 4, 8].map((offset) => file.readUInt32LE(MASKS_AT + offset))
  const usual =
    bitsPerPixel === 16
      ? (red === 0xf800 && green === 0x07e0 && blue === 0x001f) || (red === 0x7c00 && green === 0x03e0 && blue === 0x001f)
      : red === 0x00ff0000 && green === 0x0000ff00 && blue === 0x000000ff
  if (!usual) throw unsupported(`${bitsPerPixel}-bit with unusual channel masks`)
}

function readPalette(file: Buffer, headerSize: number, bitsPerPixel: number, colorsUsed: number): Buffer {
  const entries = colorsUsed === 0 ? 2 ** bitsPerPixel : colorsUsed
  if (entries > 2 ** bitsPerPixel) {
    throw new ImagingError(`truncated or corrupt BMP file: ${entries} palette entries for ${bitsPerPixel}-bit pixels`)
  }
  const start = FILE_HEADER_BYTES + headerSize
  if (file.length < start + entries * 4) throw new ImagingError('truncated or corrupt BMP file: palette ends early')
  return file.subarray(start, start + entries * 4)
}

/** The same image as a Windows 3 BMP: 40-byte header, then palette, then masks (bitfields only), then pixels. */
function normalisedFile(layout: BmpLayout): Buffer {
  const header = Buffer.alloc(FILE_HEADER_BYTES + INFO_HEADER_BYTES)
  const pixelOffset = header.length + layout.paletteBytes.length + layout.masks.length
  header.write('BM', 0, 'latin1')
  header.writeUInt32LE(pixelOffset + layout.pixels.length, 2)
  header.writeUInt32LE(pixelOffset, 10)
  header.writeUInt32LE(INFO_HEADER_BYTES, 14)
  header.writeInt32LE(layout.width, 18)
  header.writeInt32LE(layout.topDown ? -layout.height : layout.height, 22)
  header.writeUInt16LE(1, 26)
  header.writeUInt16LE(layout.bitsPerPixel, 28)
  header.writeUInt32LE(layout.compression, 30)
  header.writeUInt32LE(layout.paletteBytes.length / 4, 46)
  return Buffer.concat([header, layout.paletteBytes, layout.masks, layout.pixels])
}

/** bmp-js gives A,B,G,R per pixel, with A zero for every depth but 32-bit. */
function toRgb(abgr: Buffer, width: number, height: number, mayHaveAlpha: boolean): RawImage {
  const pixelCount = width * height
  // 32-bit files whose fourth byte is zero everywhere are BGRX (padding, not transparency): all-transparent is never meant.
  let hasAlpha = false
  if (mayHaveAlpha) for (let i = 0; i < pixelCount && !hasAlpha; i += 1) hasAlpha = abgr[i * 4] !== 0
  const channels = hasAlpha ? 4 : 3
  const rgb = Buffer.allocUnsafe(pixelCount * channels)
  for (let i = 0, o = 0; i < pixelCount * 4; i += 4, o += channels) {
    rgb[o] = abgr[i + 3]!
    rgb[o + 1] = abgr[i + 2]!
    rgb[o + 2] = abgr[i + 1]!
    if (hasAlpha) rgb[o + 3] = abgr[i]!
  }
  return { data: rgb, width, height, channels }
}

function unsupported(variant: string): ImagingError {
  return new ImagingError(`unsupported BMP variant (${variant})`)
}
