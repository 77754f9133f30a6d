import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyseImageFile, openImage } from '../../../../src/main/engines/imaging'
import { tempDir } from '../../../support/paths'
import { writeBmp, type BmpSpec } from './bmp-writer'
import { pixelAt, save } from './fixtures'

let dir: string
beforeAll(async () => {
  dir = await tempDir('loupe-bmp-')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A distinct colour for every pixel, so a shifted row or swapped channel cannot pass. */
const colourAt = (x: number, y: number): [number, number, number] => [
  (x * 40 + 7) & 0xff,
  (y * 50 + 3) & 0xff,
  (x * y * 13 + 99) & 0xff,
]

const WIDTH = 7 // odd: every row is padded
const HEIGHT = 5

async function decodedPixels(file: Buffer): Promise<{ channels: number; pixels: number[][] }> {
  const image = await openImage(file)
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true })
  expect([info.width, info.height]).toEqual([WIDTH, HEIGHT])
  const pixels: number[][] = []
  for (let i = 0; i < data.length; i += info.channels) pixels.push([...data.subarray(i, i + info.channels)])
  return { channels: info.channels, pixels }
}

function expectedPixels(sample: (x: number, y: number) => number[]): number[][] {
  const pixels: number[][] = []
  for (let y = 0; y < HEIGHT; y += 1) for (let x = 0; x < WIDTH; x += 1) pixels.push(sample(x, y))
  return pixels
}

describe('BMP decoding', () => {
  it.each<[string, Partial<BmpSpec>]>([
    ['24-bit, 40-byte header, bottom-up', {}],
    ['24-bit, top-down rows', { topDown: true }],
    ['24-bit, 124-byte V5 header (ImageMagick style)', { headerSize: 124 }],
    ['24-bit, 108-byte V4 header', { headerSize: 108 }],
  ])('%s decodes pixel-exact', async (_, variant) => {
    const file = writeBmp({ width: WIDTH, height: HEIGHT, bitsPerPixel: 24, pixel: colourAt, ...variant })
    const { channels, pixels } = await decodedPixels(file)
    expect(channels).toBe(3)
    expect(pixels).toEqual(expectedPixels(colourAt))
  })

  it('32-bit BGRX (fourth byte zero) decodes as opaque RGB', async () => {
    const file = writeBmp({ width: WIDTH, height: HEIGHT, bitsPerPixel: 32, pixel: (x, y) => [...colourAt(x, y), 0] })
    const { channels, pixels } = await decodedPixels(file)
    expect(channels).toBe(3)
    expect(pixels).toEqual(expectedPixels(colourAt))
  })

  it('32-bit BGRA with V5 bitfields keeps its alpha', async () => {
    const alpha = (x: number, y: number): number => 255 - x * 10 - y
    const file = writeBmp({
      width: WIDTH,
      height: HEIGHT,
      bitsPerPixel: 32,
      headerSize: 124,
      compression: 3,
      masks: [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000],
      pixel: (x, y) => [...colourAt(x, y), alpha(x, y)],
    })
    const { channels, pixels } = await decodedPixels(file)
    expect(channels).toBe(4)
    expect(pixels).toEqual(expectedPixels((x, y) => [...colourAt(x, y), alpha(x, y)]))
  })

  it('8-bit palette decodes through the palette', async () => {
    const palette = Array.from({ length: 16 }, (_, i) => [i * 16, 255 - i * 16, (i * 40) & 0xff] as const)
    const index = (x: number, y: number): number => (x + y * 3) % 16
    const file = writeBmp({ width: WIDTH, height: HEIGHT, bitsPerPixel: 8, palette, pixel: (x, y) => [index(x, y)] })
    const { pixels } = await decodedPixels(file)
    expect(pixels).toEqual(expectedPixels((x, y) => [...palette[index(x, y)]!]))
  })

  it('16-bit 5-6-5 bitfields decode to the top bits of each channel', async () => {
    const file = writeBmp({
      width: WIDTH,
      height: HEIGHT,
      bitsPerPixel: 16,
      compression: 3,
      masks: [0xf800, 0x07e0, 0x001f, 0],
      pixel: (x, y) => {
        const [r, g, b] = colourAt(x, y)
        return [((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3)]
      },
    })
    const { pixels } = await decodedPixels(file)
    expect(pixels).toEqual(expectedPixels((x, y) => colourAt(x, y).map((v, i) => v & (i === 1 ? 0xfc : 0xf8))))
  })

  it('thumbnails a BMP through analyseImageFile', async () => {
    const file = writeBmp({ width: 300, height: 150, bitsPerPixel: 24, headerSize: 124, pixel: () => [250, 128, 0] })
    const analysis = await analyseImageFile(await save(dir, 'orange.bmp', file))
    if (!analysis.ok) throw new Error(analysis.reason)
    expect(analysis.facts).toMatchObject({ format: 'bmp', width: 300, height: 150, orientation: 1 })
    const [r, g, b] = await pixelAt(analysis.thumbnail, 128, 64)
    expect([r, g, b].map((v, i) => Math.abs(v! - [250, 128, 0][i]!) <= 12)).toEqual([true, true, true])
  })

  it('reports a truncated BMP', async () => {
    const file = writeBmp({ width: 64, height: 64, bitsPerPixel: 24, pixel: colourAt })
    const analysis = await analyseImageFile(await save(dir, 'cut.bmp', file.subarray(0, file.length >> 1)))
    expect(analysis).toEqual({ ok: false, reason: 'truncated or corrupt BMP file: pixel data ends early' })
  })

  it('refuses a BMP over the pixel limit without allocating it', async () => {
    const file = writeBmp({ width: 4, height: 4, bitsPerPixel: 24, pixel: colourAt })
    file.writeInt32LE(30000, 18)
    file.writeInt32LE(-20000, 22)
    const analysis = await analyseImageFile(await save(dir, 'huge.bmp', file))
    expect(analysis).toEqual({ ok: false, reason: 'image too large (30000×20000 pixels, over the 268 megapixel limit)' })
  })

  it('refuses variants bmp-js would decode wrongly, saying which', async () => {
    const file = writeBmp({
      width: WIDTH,
      height: HEIGHT,
      bitsPerPixel: 32,
      compression: 3,
      masks: [0x000000ff, 0x0000ff00, 0x00ff0000, 0],
      pixel: (x, y) => [...colourAt(x, y), 0],
    })
    const analysis = await analyseImageFile(await save(dir, 'rgbx.bmp', file))
    expect(analysis).toEqual({ ok: false, reason: 'unsupported BMP variant (32-bit with unusual channel masks)' })

    const jpegInBmp = writeBmp({ width: WIDTH, height: HEIGHT, bitsPerPixel: 24, pixel: colourAt })
    jpegInBmp.writeUInt32LE(4, 30) // BI_JPEG
    const refused = await analyseImageFile(await save(dir, 'jpeg-in.bmp', jpegInBmp))
    expect(refused).toEqual({ ok: false, reason: 'unsupported BMP variant (24-bit, compression 4)' })
  })
})
