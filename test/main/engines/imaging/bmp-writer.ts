/**
 * Writes the BMP layouts bmp-js's encoder cannot (it only writes 24-bit with a 40-byte header), so the tests can check
 * that files from other tools (V4/V5 headers, palettes, bitfields, top-down rows) decode to the right pixels.
 */
export interface BmpSpec {
  width: number
  height: number
  bitsPerPixel: 8 | 16 | 24 | 32
  headerSize?: 40 | 108 | 124
  compression?: 0 | 3
  topDown?: boolean
  /** red, green, blue, alpha masks, for compression 3. */
  masks?: readonly [number, number, number, number]
  palette?: ReadonlyArray<readonly [number, number, number]>
  /** Sample values in file order: [index] for 8-bit, [packed] for 16-bit, [r, g, b] or [r, g, b, a] otherwise. */
  pixel: (x: number, y: number) => readonly number[]
}

export function writeBmp(spec: BmpSpec): Buffer {
  const headerSize = spec.headerSize ?? 40
  const compression = spec.compression ?? 0
  const masksAfterHeader = compression === 3 && headerSize === 40 ? 12 : 0
  const palette = spec.palette ?? []
  const pixelOffset = 14 + headerSize + masksAfterHeader + palette.length * 4
  const rowBytes = Math.ceil((spec.bitsPerPixel * spec.width) / 32) * 4
  const file = Buffer.alloc(pixelOffset + rowBytes * spec.height)

  file.write('BM', 0, 'latin1')
  file.writeUInt32LE(file.length, 2)
  file.writeUInt32LE(pixelOffset, 10)
  file.writeUInt32LE(headerSize, 14)
  file.writeInt32LE(spec.width, 18)
  file.writeInt32LE(spec.topDown ? -spec.height : spec.height, 22)
  file.writeUInt16LE(1, 26)
  file.writeUInt16LE(spec.bitsPerPixel, 28)
  file.writeUInt32LE(compression, 30)
  file.writeUInt32LE(rowBytes * spec.height, 34)
  file.writeUInt32LE(palette.length, 46)
  if (spec.masks) {
    const count = headerSize === 40 ? 3 : 4
    spec.masks.slice(0, count).forEach((mask, i) => file.writeUInt32LE(mask >>> 0, 54 + i * 4))
  }
  if (headerSize >= 108) file.write('BGRs', 70, 'latin1') // LCS_sRGB colour space

  palette.forEach(([r, g, b], i) => file.set([b, g, r, 0], 14 + headerSize + i * 4))

  for (let y = 0; y < spec.height; y += 1) {
    const row = pixelOffset + (spec.topDown ? y : spec.height - 1 - y) * rowBytes
    for (let x = 0; x < spec.width; x += 1) {
      const sample = spec.pixel(x, y)
      if (spec.bitsPerPixel === 8) file[row + x] = sample[0]!
      else if (spec.bitsPerPixel === 16) file.writeUInt16LE(sample[0]!, row + x * 2)
      else if (spec.bitsPerPixel === 24) file.set([sample[2]!, sample[1]!, sample[0]!], row + x * 3)
      else file.set([sample[2]!, sample[1]!, sample[0]!, sample[3] ?? 0], row + x * 4)
    }
  }
  return file
}
