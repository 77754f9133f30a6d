import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'
import type { Shape } from '../../../../shared/api/schemas'
import { bitmapFromRle, rleFromBitmap } from '../../../../shared/shapes/bitmap'
import { rasterisePolygons } from '../../../../shared/shapes/rasterise'

/**
 * Pascal VOC's segmentation PNGs: 8-bit indexed images whose value is, per pixel, the object's number in the XML
 * (SegmentationObject) or its class's (SegmentationClass), 0 background, 255 the devkit's "void" border. The palette is
 * the devkit's (each index's bits spread over the three channels, high bits first), so tools that show the PNG show
 * VOC's colours, and a reader that gets colours (libvips applies the palette) can find the index again.
 */
export const VOC_PALETTE: readonly [number, number, number][] = Array.from({ length: 256 }, (_, index) => {
  let [r, g, b] = [0, 0, 0]
  let bits = index
  for (let shift = 7; shift >= 0; shift--) {
    r |= (bits & 1) << shift
    g |= ((bits >> 1) & 1) << shift
    b |= ((bits >> 2) & 1) << shift
    bits >>= 3
  }
  return [r, g, b]
})

const INDEX_OF_COLOUR = new Map(VOC_PALETTE.map(([r, g, b], index) => [(r << 16) | (g << 8) | b, index]))

/** An indexed PNG with VOC's palette of row-major values (one byte a pixel). */
export function indexedPng(width: number, height: number, values: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 3, 0, 0, 0], 8) // 8 bits, palette colour, deflate, no filter method beyond 0, no interlace
  const rows = Buffer.alloc((width + 1) * height) // each row: filter type 0, then its values
  for (let y = 0; y < height; y++) rows.set(values.subarray(y * width, (y + 1) * width), y * (width + 1) + 1)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(VOC_PALETTE.flat())),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The row-major values of a VOC segmentation PNG, or why it is not one (a colour outside VOC's palette). */
export async function readIndexedPng(path: string): Promise<{ width: number; height: number; values: Uint8Array } | string> {
  const { data, info } = await sharp(path).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true })
  const values = new Uint8Array(info.width * info.height)
  for (let pixel = 0; pixel < values.length; pixel++) {
    const at = pixel * info.channels
    const colour = info.channels >= 3 ? (data[at]! << 16) | (data[at + 1]! << 8) | data[at + 2]! : data[at]! * 0x010101
    const index = INDEX_OF_COLOUR.get(colour)
    if (index === undefined) return `has a colour outside the VOC palette at pixel (${pixel % info.width}, ${Math.floor(pixel / info.width)})`
    values[pixel] = index
  }
  return { width: info.width, height: info.height, values }
}

/** The pixels of `values` equal to `index` as a mask (COCO RLE, column-major), or undefined when there are none. */
export function maskOfIndex(values: Uint8Array, width: number, height: number, index: number): Shape | undefined {
  const rle = rleFromBitmap(values.map((value) => (value === index ? 1 : 0)), width, height)
  // A single run is all background.
  return rle.counts.length > 1 ? { kind: 'mask', rle } : undefined
}

/** An object's pixels, row-major: a mask's own, or the inside of its polygons. */
export function shapePixels(shape: Shape, width: number, height: number): Uint8Array {
  return shape.kind === 'mask' ? bitmapFromRle(shape.rle) : rasterisePolygons(shape.polygons, width, height)
}

/** Writes `index` into row-major `values` wherever `pixels` is set; answers how many already held another object. */
export function paintPixels(values: Uint8Array, pixels: Uint8Array, index: number): number {
  let overlapping = 0
  for (let at = 0; at < pixels.length; at++) {
    if (pixels[at] === 0) continue
    if (values[at] !== 0) overlapping++
    values[at] = index
  }
  return overlapping
}
