import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { ImagingError } from '../../../../src/main/engines/imaging'
import {
  clampRegion,
  DEFAULT_MODEL_MANIFEST,
  loadModelPixels,
  normalisePixels,
  preprocessBatch,
  preprocessImage,
  type ModelInputSpec,
} from '../../../../src/main/engines/ml'

const SMALL: ModelInputSpec = { input: { width: 4, height: 2, channels: 3 }, normalisation: { scale: 1 / 127.5, offset: -1 } }

/** Left half red, right half blue. */
async function redBlue(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels[(y * width + x) * 3 + (x < width / 2 ? 0 : 2)] = 255
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer()
}

describe('preprocessing', () => {
  it('normalises 0–255 to the manifest range, per channel when asked', () => {
    const pixels = Uint8Array.from({ length: 24 }, (_, i) => [0, 102, 255][i % 3] as number)
    const out = new Float32Array(24)
    normalisePixels(pixels, SMALL, out)
    expect(out[0]).toBe(-1)
    expect(out[1]).toBeCloseTo(-0.2, 6)
    expect(out[2]).toBeCloseTo(1, 6)
    const imagenet: ModelInputSpec = {
      input: SMALL.input,
      normalisation: { scale: [1 / (255 * 0.229), 1 / (255 * 0.224), 1 / (255 * 0.225)], offset: [-0.485 / 0.229, -0.456 / 0.224, -0.406 / 0.225] },
    }
    normalisePixels(Uint8Array.from({ length: 24 }, () => 255), imagenet, out)
    expect(out[0]).toBeCloseTo((1 - 0.485) / 0.229, 5)
    expect(out[2]).toBeCloseTo((1 - 0.406) / 0.225, 5)
    expect(() => normalisePixels(new Uint8Array(5), SMALL, out)).toThrow(RangeError)
  })

  it("squashes the whole frame to the model's size by default; centre-crop keeps proportions", async () => {
    const wide = await redBlue(400, 100) // 4:1 into 4×2: squash keeps both halves, centre-crop keeps the middle
    const squash = await loadModelPixels(wide, SMALL)
    expect(squash[0]).toBeGreaterThan(200) // top-left red
    expect(squash[3 * 3 + 2]).toBeGreaterThan(200) // top-right blue
    const spec224 = await preprocessImage(wide, DEFAULT_MODEL_MANIFEST)
    expect(spec224).toHaveLength(224 * 224 * 3)
    expect(spec224.every((value) => value >= -1 && value <= 1)).toBe(true)
    const tall = await redBlue(100, 400)
    const cropped = await loadModelPixels(tall, { ...SMALL, input: { width: 2, height: 2, channels: 3 } }, { resize: 'centre-crop' })
    expect(cropped).toHaveLength(12)
  })

  it('crops a region given in displayed pixel coordinates', async () => {
    const image = await redBlue(200, 100)
    const left = await loadModelPixels(image, SMALL, { crop: { x: 0, y: 0, width: 90, height: 100 } })
    const right = await loadModelPixels(image, SMALL, { crop: { x: 110, y: 0, width: 90, height: 100 } })
    for (let p = 0; p < 8; p++) {
      expect(left[p * 3]).toBeGreaterThan(200)
      expect(right[p * 3 + 2]).toBeGreaterThan(200)
    }
    // Partly outside: clamped to the picture. Wholly outside: refused.
    expect(clampRegion({ x: -10, y: 50, width: 50, height: 500 }, 200, 100)).toEqual({ left: 0, top: 50, width: 40, height: 50 })
    expect(() => clampRegion({ x: 300, y: 0, width: 10, height: 10 }, 200, 100)).toThrow(ImagingError)
    expect(() => clampRegion({ x: Number.NaN, y: 0, width: 10, height: 10 }, 200, 100)).toThrow(ImagingError)
  })

  it('flattens alpha onto white and turns greyscale into RGB', async () => {
    const transparent = await sharp({ create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer()
    expect(Array.from((await loadModelPixels(transparent, SMALL)).slice(0, 3))).toEqual([255, 255, 255])
    const grey = await sharp(Buffer.alloc(64, 100), { raw: { width: 8, height: 8, channels: 1 } }).png().toBuffer()
    const pixels = await loadModelPixels(grey, SMALL)
    expect(pixels).toHaveLength(24)
    expect(pixels[0]).toBe(pixels[1])
    expect(pixels[1]).toBe(pixels[2])
  })

  it('builds one batch buffer of its own, and reports undecodable input as an ImagingError', async () => {
    const image = await redBlue(20, 10)
    const batch = await preprocessBatch([image, { input: image, crop: { x: 10, y: 0, width: 10, height: 10 } }, image], SMALL)
    expect(batch).toHaveLength(3 * 24)
    expect(batch.byteOffset).toBe(0)
    expect(batch.buffer.byteLength).toBe(3 * 24 * 4)
    expect(Array.from(batch.slice(0, 24))).toEqual(Array.from(batch.slice(48, 72)))
    await expect(preprocessBatch([image, Buffer.from('not an image at all')], SMALL)).rejects.toThrow(ImagingError)
    const truncated = (await sharp(await redBlue(64, 64)).jpeg().toBuffer()).subarray(0, 300)
    await expect(preprocessImage(truncated, SMALL)).rejects.toThrow(ImagingError)
  })
})
