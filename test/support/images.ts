import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import sharp from 'sharp'

/** A real JPEG with varied content, so files differ and decode like photographs do. */
export async function writeJpeg(path: string, seed: number, width = 320, height = 240): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const pixels = Buffer.alloc(width * height * 3)
  let state = seed * 2654435761 + 1
  for (let i = 0; i < pixels.length; i += 3) {
    state = (state * 1103515245 + 12345) >>> 0
    const x = (i / 3) % width
    pixels[i] = (x + seed * 37) & 0xff
    pixels[i + 1] = (state >>> 16) & 0xff
    pixels[i + 2] = ((i / 3 / width) * 2 + seed) & 0xff
  }
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toFile(path)
}
