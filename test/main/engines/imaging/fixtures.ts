import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp, { type Sharp } from 'sharp'

export type Rgb = readonly [number, number, number]

/** Four flat quadrants: colours survive lossy thumbnails well enough to check, and a wrong rotation shows. */
export function quadrants(width: number, height: number, colours: readonly [Rgb, Rgb, Rgb, Rgb]): Buffer {
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const colour = colours[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)]!
      pixels.set(colour, (y * width + x) * 3)
    }
  }
  return pixels
}

export const RED: Rgb = [220, 20, 30]
export const GREEN: Rgb = [30, 200, 40]
export const BLUE: Rgb = [20, 40, 210]
export const YELLOW: Rgb = [230, 220, 30]

/** Top-left red, top-right green, bottom-left blue, bottom-right yellow. */
export function rawQuadrants(width: number, height: number): Sharp {
  return sharp(quadrants(width, height, [RED, GREEN, BLUE, YELLOW]), { raw: { width, height, channels: 3 } })
}

export async function save(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, bytes)
  return path
}

/** The RGB(A) of one pixel of an encoded image (any format sharp reads). */
export async function pixelAt(image: Buffer | Sharp, x: number, y: number): Promise<number[]> {
  const pipeline = Buffer.isBuffer(image) ? sharp(image) : image
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [...data.subarray(at, at + info.channels)]
}

export async function sizeOf(image: Buffer): Promise<{ width: number; height: number; format: string }> {
  const { width, height, format } = await sharp(image).metadata()
  return { width, height, format }
}

/** Within `tolerance` per channel (lossy encoders move colours a little). */
export function expectColour(actual: readonly number[], expected: Rgb, tolerance = 16): void {
  const close = expected.every((value, i) => Math.abs((actual[i] ?? -999) - value) <= tolerance)
  if (!close) throw new Error(`colour ${JSON.stringify(actual)} is not within ${tolerance} of ${JSON.stringify(expected)}`)
}
