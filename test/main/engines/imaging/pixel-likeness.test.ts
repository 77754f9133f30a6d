import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { alteredCopies, pixelLikeness, pixelSignature, SAME_PICTURE, type PixelSignature } from '../../../../src/main/engines/imaging'
import { COCO_IMAGES, SHARED_DATA, tempDir } from '../../../support/paths'

const NEU = join(SHARED_DATA, 'neu-det', 'images')
const CRAZING = Array.from({ length: 8 }, (_, i) => join(NEU, `crazing_${i + 1}.jpg`))

let crazing: PixelSignature[]
beforeAll(async () => {
  crazing = await Promise.all(CRAZING.map((path) => pixelSignature(path)))
})

describe('pixel likeness', () => {
  it('confirms copies: re-encoded, halved, cropped off a corner, trimmed on one side, or all at once', async () => {
    for (const path of [CRAZING[0]!, join(COCO_IMAGES, '000000000009.jpg')]) {
      const { width, height } = await sharp(path).metadata()
      const copies = [
        sharp(path).jpeg({ quality: 60 }),
        sharp(path).resize(Math.round(width / 2)),
        sharp(path).extract({ left: Math.round(width * 0.05), top: Math.round(height * 0.05), width: Math.round(width * 0.95), height: Math.round(height * 0.95) }),
        sharp(path).extract({ left: 0, top: 0, width: Math.round(width * 0.92), height }),
        sharp(path).extract({ left: 6, top: 4, width: Math.round(width * 0.95), height: Math.round(height * 0.95) }).resize(Math.round(width * 0.6)).jpeg({ quality: 70 }),
      ]
      const original = await pixelSignature(path)
      for (const [i, copy] of copies.entries()) {
        const likeness = pixelLikeness(original, await pixelSignature(await copy.png().toBuffer()))
        expect(likeness, `${path}, copy ${i}`).toBeGreaterThanOrEqual(SAME_PICTURE)
      }
    }
  })

  it('tells apart different images of one texture, however alike their light, either way round', () => {
    for (let i = 0; i < crazing.length; i++) {
      expect(pixelLikeness(crazing[i]!, crazing[i]!)).toBeCloseTo(1, 3)
      for (let j = i + 1; j < crazing.length; j++) {
        expect(pixelLikeness(crazing[i]!, crazing[j]!)).toBeLessThan(SAME_PICTURE)
        expect(pixelLikeness(crazing[j]!, crazing[i]!)).toBeLessThan(SAME_PICTURE)
      }
    }
  })

  it('is 0 against a flat image rather than a division by zero', async () => {
    const grey = await pixelSignature(await sharp({ create: { width: 50, height: 50, channels: 3, background: '#808080' } }).png().toBuffer())
    expect(pixelLikeness(grey, crazing[0]!)).toBe(0)
    expect(pixelLikeness(grey, grey)).toBe(0)
  })

  it('refuses a file that is not an image with the reason, as every decode does', async () => {
    const path = join(await tempDir('loupe-pixels-'), 'notes.jpg')
    await writeFile(path, 'these are notes, not a picture')
    await expect(pixelSignature(path)).rejects.toThrow('not an image (looks like text)')
    await expect(alteredCopies(path)).rejects.toThrow('not an image (looks like text)')
  })
})

describe('altered copies for calibration', () => {
  it('makes a re-encoded, a half-size and a 5%-cropped JPEG of the image', async () => {
    const copies = await alteredCopies(join(COCO_IMAGES, '000000000009.jpg'))
    const sizes = await Promise.all(copies.map(async (copy) => {
      const { width, height, format } = await sharp(copy).metadata()
      return { width, height, format }
    }))
    expect(sizes).toEqual([
      { width: 640, height: 480, format: 'jpeg' },
      { width: 320, height: 240, format: 'jpeg' },
      { width: 608, height: 456, format: 'jpeg' },
    ])
  })
})
