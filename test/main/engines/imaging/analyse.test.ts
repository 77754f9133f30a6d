import { createHash } from 'node:crypto'
import { readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import bmp from 'bmp-js'
import sharp, { type Sharp } from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyseImageFile, browserCanDisplay, sniffImageFormat, type Analysis } from '../../../../src/main/engines/imaging'
import { COCO_IMAGES, CIFAR_MINI, tempDir } from '../../../support/paths'
import { BLUE, GREEN, RED, YELLOW, expectColour, pixelAt, rawQuadrants, save, sizeOf } from './fixtures'

let dir: string
beforeAll(async () => {
  dir = await tempDir('loupe-imaging-')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const COCO_SAMPLE = join(COCO_IMAGES, '000000000009.jpg')

function expectOk(analysis: Analysis): Extract<Analysis, { ok: true }> {
  if (!analysis.ok) throw new Error(`expected success, got: ${analysis.reason}`)
  return analysis
}

function expectFailure(analysis: Analysis): string {
  if (analysis.ok) throw new Error(`expected a failure, got ${JSON.stringify(analysis.facts)}`)
  expect(analysis.reason).not.toContain('\n')
  return analysis.reason
}

describe('analyseImageFile on good files', () => {
  it('reports the facts of a JPEG and makes a 256 px WebP thumbnail', async () => {
    const bytes = await readFile(COCO_SAMPLE)
    const { facts, thumbnail } = expectOk(await analyseImageFile(COCO_SAMPLE))
    expect(facts).toEqual({
      format: 'jpeg',
      width: 640,
      height: 480,
      orientation: 1,
      bytes: bytes.length,
      contentHash: createHash('sha256').update(bytes).digest('hex'),
    })
    expect(sniffImageFormat(thumbnail)).toBe('webp')
    expect(await sizeOf(thumbnail)).toMatchObject({ width: 256, height: 192 })
  })

  it('honours thumbnailSize and never upscales', async () => {
    const small = expectOk(await analyseImageFile(COCO_SAMPLE, { thumbnailSize: 100 }))
    expect(await sizeOf(small.thumbnail)).toMatchObject({ width: 100, height: 75 })

    const cifar = join(CIFAR_MINI, 'cat', (await readdir(join(CIFAR_MINI, 'cat')))[0]!)
    const tiny = expectOk(await analyseImageFile(cifar))
    expect(tiny.facts).toMatchObject({ width: 32, height: 32 })
    expect(await sizeOf(tiny.thumbnail)).toMatchObject({ width: 32, height: 32 })
  })

  it('applies EXIF orientation 6 to the size and the thumbnail', async () => {
    // Stored 300×200 landscape; orientation 6 means "rotate 90° clockwise to display".
    const jpeg = await rawQuadrants(300, 200).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer()
    const path = await save(dir, 'rotated.jpg', jpeg)
    const { facts, thumbnail } = expectOk(await analyseImageFile(path))
    expect(facts).toMatchObject({ width: 200, height: 300, orientation: 6 })
    expect(await sizeOf(thumbnail)).toMatchObject({ width: 171, height: 256 })
    // After a clockwise quarter turn the stored bottom-left (blue) is top-left and the stored top-left (red) top-right.
    expectColour(await pixelAt(thumbnail, 20, 20), BLUE)
    expectColour(await pixelAt(thumbnail, 150, 20), RED)
    expectColour(await pixelAt(thumbnail, 20, 235), YELLOW)
    expectColour(await pixelAt(thumbnail, 150, 235), GREEN)
  })

  it.each([
    [3, 300, 200],
    [5, 200, 300],
    [8, 200, 300],
  ])('reports orientation %i as %i×%i', async (orientation, width, height) => {
    const jpeg = await rawQuadrants(300, 200).jpeg().withMetadata({ orientation }).toBuffer()
    const path = await save(dir, `orientation-${orientation}.jpg`, jpeg)
    const { facts, thumbnail } = expectOk(await analyseImageFile(path))
    expect(facts).toMatchObject({ width, height, orientation })
    expect(await sizeOf(thumbnail)).toMatchObject(width > height ? { width: 256 } : { height: 256 })
  })

  it('reads a PNG with alpha and keeps the alpha in the thumbnail', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 10, g: 200, b: 30, alpha: 0.5 } } })
      .png()
      .toBuffer()
    const { facts, thumbnail } = expectOk(await analyseImageFile(await save(dir, 'alpha.png', png)))
    expect(facts).toMatchObject({ format: 'png', width: 64, height: 48, orientation: 1 })
    const [r, g, b, a] = await pixelAt(thumbnail, 10, 10)
    expectColour([r!, g!, b!], [10, 200, 30])
    expect(Math.abs(a! - 128)).toBeLessThanOrEqual(4)
  })

  it.each([
    ['tiff', (image: Sharp) => image.tiff()],
    ['webp', (image: Sharp) => image.webp({ quality: 90 })],
    ['png', (image: Sharp) => image.png()],
  ] as const)('reads a %s made by sharp', async (format, encode) => {
    const bytes = await encode(rawQuadrants(400, 300)).toBuffer()
    const { facts, thumbnail } = expectOk(await analyseImageFile(await save(dir, `quadrants.${format}`, bytes)))
    expect(facts).toMatchObject({ format, width: 400, height: 300, orientation: 1, bytes: bytes.length })
    expect(await sizeOf(thumbnail)).toMatchObject({ width: 256, height: 192 })
    expectColour(await pixelAt(thumbnail, 200, 150), YELLOW)
  })

  it('takes only the first frame of an animated GIF', async () => {
    const frames = [RED, GREEN, BLUE].map((colour) => Buffer.alloc(40 * 30 * 3).map((_, i) => colour[i % 3]!))
    const gif = await sharp(Buffer.concat(frames), { raw: { width: 40, height: 90, channels: 3, pageHeight: 30 } })
      .gif({ delay: [100, 100, 100], loop: 0 })
      .toBuffer()
    expect((await sharp(gif, { pages: -1 }).metadata()).pages).toBe(3)
    const { facts, thumbnail } = expectOk(await analyseImageFile(await save(dir, 'animated.gif', gif)))
    expect(facts).toMatchObject({ format: 'gif', width: 40, height: 30 })
    expect(await sizeOf(thumbnail)).toMatchObject({ width: 40, height: 30 })
    expectColour(await pixelAt(thumbnail, 20, 15), RED, 24)
  })

  it('reads a 24-bit BMP made by bmp-js with its colours intact', async () => {
    // bmp-js wants A,B,G,R bytes per pixel.
    const width = 61 // odd, so rows carry padding
    const height = 40
    const rgb = (await rawQuadrants(width, height).raw().toBuffer()) as Buffer
    const abgr = Buffer.alloc(width * height * 4)
    for (let i = 0; i < width * height; i += 1) abgr.set([0, rgb[i * 3 + 2]!, rgb[i * 3 + 1]!, rgb[i * 3]!], i * 4)
    const file = bmp.encode({ data: abgr, width, height }).data
    const { facts, thumbnail } = expectOk(await analyseImageFile(await save(dir, 'bmpjs.bmp', file)))
    expect(facts).toMatchObject({ format: 'bmp', width, height, orientation: 1, bytes: file.length })
    expectColour(await pixelAt(thumbnail, 5, 5), RED)
    expectColour(await pixelAt(thumbnail, 55, 5), GREEN)
    expectColour(await pixelAt(thumbnail, 5, 35), BLUE)
    expectColour(await pixelAt(thumbnail, 55, 35), YELLOW)
  })

  it('sniffs by content, not by extension', async () => {
    const png = await rawQuadrants(40, 30).png().toBuffer()
    const { facts } = expectOk(await analyseImageFile(await save(dir, 'really-a-png.jpg', png)))
    expect(facts.format).toBe('png')
  })
})

describe('analyseImageFile on bad files', () => {
  it('refuses an empty file', async () => {
    expect(expectFailure(await analyseImageFile(await save(dir, 'empty.jpg', new Uint8Array())))).toBe('empty file (0 bytes)')
  })

  it('refuses text', async () => {
    const text = 'Ceci n’est pas une image.\nname,label\ncat.jpg,cat\n'
    const reason = expectFailure(await analyseImageFile(await save(dir, 'notes.jpg', Buffer.from(text))))
    expect(reason).toBe('not an image (looks like text)')
  })

  it('refuses binary that is no image format', async () => {
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + (i >> 3) * 31) & 0xff))
    expect(expectFailure(await analyseImageFile(await save(dir, 'noise.png', noise)))).toBe('not a supported image format')
  })

  it('names well-known formats it does not read', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0, 1, 2])])
    expect(expectFailure(await analyseImageFile(await save(dir, 'doc.jpg', pdf)))).toBe('not a supported image format (PDF)')
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>')
    expect(expectFailure(await analyseImageFile(await save(dir, 'icon.svg', svg)))).toBe('not a supported image format (SVG)')
  })

  it('reports a truncated JPEG as truncated or corrupt, in one line', async () => {
    const whole = await readFile(COCO_SAMPLE)
    const path = await save(dir, 'half.jpg', whole.subarray(0, whole.length >> 1))
    const reason = expectFailure(await analyseImageFile(path))
    expect(reason).toMatch(/^truncated or corrupt JPEG file: .*premature end/i)
  })

  it('reports a JPEG missing only its last two bytes', async () => {
    const whole = await readFile(COCO_SAMPLE)
    const reason = expectFailure(await analyseImageFile(await save(dir, 'no-eoi.jpg', whole.subarray(0, whole.length - 2))))
    expect(reason).toMatch(/^truncated or corrupt JPEG file/)
  })

  it('reports a JPEG with a damaged stretch of data', async () => {
    const damaged = Buffer.from(await readFile(COCO_SAMPLE))
    damaged.fill(0, Math.floor(damaged.length * 0.4), Math.floor(damaged.length * 0.6))
    const reason = expectFailure(await analyseImageFile(await save(dir, 'zeroed.jpg', damaged)))
    expect(reason).toMatch(/^truncated or corrupt JPEG file: .*corrupt JPEG data/i)
  })

  it.each(['png', 'webp', 'gif', 'tiff'] as const)('reports a truncated %s', async (format) => {
    const whole = await rawQuadrants(300, 200).toFormat(format).toBuffer()
    const path = await save(dir, `half.${format}`, whole.subarray(0, whole.length >> 1))
    const label = { png: 'PNG', webp: 'WebP', gif: 'GIF', tiff: 'TIFF' }[format]
    expect(expectFailure(await analyseImageFile(path))).toMatch(new RegExp(`^truncated or corrupt ${label} file: `))
  })

  it('refuses an image over the pixel limit before decoding it', async () => {
    // A real 1×1 PNG whose header claims 20000×20000: only the header is read before refusing.
    const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: 'red' } }).png().toBuffer())
    png.writeUInt32BE(20000, 16)
    png.writeUInt32BE(20000, 20)
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29)
    const reason = expectFailure(await analyseImageFile(await save(dir, 'huge.png', png)))
    expect(reason).toBe('image too large (over the 268 megapixel limit)')
  })

  it('names the OS error when the file cannot be read', async () => {
    expect(expectFailure(await analyseImageFile(join(dir, 'does-not-exist.jpg')))).toBe('cannot read file: file not found')
    expect(expectFailure(await analyseImageFile(dir))).toBe('cannot read file: it is a directory')
  })

  it('refuses a nonsensical thumbnail size instead of throwing', async () => {
    expect(expectFailure(await analyseImageFile(COCO_SAMPLE, { thumbnailSize: 0 }))).toBe('invalid thumbnail size 0')
  })
})

describe('browserCanDisplay', () => {
  it('sends only TIFF through a preview', () => {
    expect(browserCanDisplay('tiff')).toBe(false)
    for (const format of ['jpeg', 'png', 'webp', 'bmp', 'gif'] as const) expect(browserCanDisplay(format)).toBe(true)
  })
})
