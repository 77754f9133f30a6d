import { existsSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'

const COARSE_WIDTH = 40
const COARSE_HEIGHT = 30
/** sharp encodes on its own threads; a few at a time keeps them all busy. */
const WRITE_BATCH = 8

/**
 * A folder of `count` distinct, camera-sized JPEGs, big enough that importing it takes a while. Each is a random
 * coarse pattern scaled up: unique content (so nothing is a duplicate), full-size decoding work, small files.
 * Made once per machine and reused, since writing hundreds of large JPEGs takes a few seconds.
 */
export async function largeJpegFolder(count: number, width = 1600, height = 1200): Promise<string> {
  const dir = join(tmpdir(), `loupe-e2e-large-${count}-${width}x${height}`)
  const complete = join(dir, '.complete')
  if (existsSync(complete)) return dir
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  let state = 0x9e3779b9
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state >>> 24
  }
  const write = (i: number) => {
    const pixels = Buffer.alloc(COARSE_WIDTH * COARSE_HEIGHT * 3)
    for (let p = 0; p < pixels.length; p++) pixels[p] = random()
    return sharp(pixels, { raw: { width: COARSE_WIDTH, height: COARSE_HEIGHT, channels: 3 } })
      .resize(width, height, { kernel: 'cubic' })
      .jpeg({ quality: 85 })
      .toFile(join(dir, `photo-${String(i).padStart(4, '0')}.jpg`))
  }
  for (let i = 0; i < count; i += WRITE_BATCH) {
    await Promise.all(Array.from({ length: Math.min(WRITE_BATCH, count - i) }, (_, j) => write(i + j)))
  }
  await writeFile(complete, '')
  return dir
}
