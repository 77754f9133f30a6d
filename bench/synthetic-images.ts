import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { seededRandom } from './stats'

/**
 * Photo-like JPEGs for the import benchmark: a gradient sky, soft shapes, smooth texture and sensor grain, so they
 * compress like photographs (a few hundred KB at 1600×1200) rather than like flat colour. Each image is a pure
 * function of its index, and a finished set is kept in the temp folder, so reruns reuse it.
 *
 * Bump GENERATOR_VERSION whenever the pictures change, so a stale cache is not mistaken for the new set.
 */
const GENERATOR_VERSION = 1
const CACHE_ROOT = join(tmpdir(), `loupe-bench-images-v${GENERATOR_VERSION}`)
const MANIFEST = '.complete.json'

export interface ImageSetSpec {
  count: number
  width: number
  height: number
  quality: number
}

export interface ImageSet extends ImageSetSpec {
  dir: string
  totalBytes: number
  /** Null when the set came from the cache. */
  generatedMs: number | null
}

/** Returns the folder holding exactly `spec.count` images, generating whatever is missing. */
export async function ensureImageSet(spec: ImageSetSpec, log: (line: string) => void): Promise<ImageSet> {
  const dir = join(CACHE_ROOT, `${spec.width}x${spec.height}-q${spec.quality}-n${spec.count}`)
  const cached = readManifest(dir, spec)
  if (cached !== null) return { ...spec, dir, totalBytes: cached, generatedMs: null }

  await mkdir(dir, { recursive: true })
  const started = performance.now()
  const present = new Set(readdirSync(dir))
  const todo = Array.from({ length: spec.count }, (_, index) => index).filter((i) => !present.has(fileName(i)))
  log(`generating ${todo.length} of ${spec.count} ${spec.width}×${spec.height} JPEGs in ${dir}`)
  let next = 0
  let written = 0
  // Two lanes, so one lane's pixel synthesis on the main thread overlaps the other's encoding on libuv's pool.
  const lane = async () => {
    for (let i = todo[next++]; i !== undefined; i = todo[next++]) {
      const pixels = synthesise(i, spec.width, spec.height)
      const jpeg = await sharp(pixels, { raw: { width: spec.width, height: spec.height, channels: 3 } })
        .jpeg({ quality: spec.quality })
        .toBuffer()
      const temporary = join(dir, `.${fileName(i)}.tmp`)
      await writeFile(temporary, jpeg)
      await rename(temporary, join(dir, fileName(i)))
      if (++written % 100 === 0) log(`  ${written}/${todo.length}`)
    }
  }
  await Promise.all([lane(), lane()])
  const generatedMs = performance.now() - started

  const totalBytes = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .reduce((sum, entry) => sum + readFileSync(join(dir, entry.name)).byteLength, 0)
  await writeFile(join(dir, MANIFEST), JSON.stringify({ ...spec, totalBytes }))
  return { ...spec, dir, totalBytes, generatedMs }
}

const fileName = (index: number) => `photo-${String(index + 1).padStart(5, '0')}.jpg`

function readManifest(dir: string, spec: ImageSetSpec): number | null {
  const file = join(dir, MANIFEST)
  if (!existsSync(file)) return null
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as ImageSetSpec & { totalBytes: number }
    const files = readdirSync(dir).filter((name) => !name.startsWith('.'))
    const same =
      saved.count === spec.count &&
      saved.width === spec.width &&
      saved.height === spec.height &&
      saved.quality === spec.quality &&
      files.length === spec.count
    return same ? saved.totalBytes : null
  } catch {
    return null
  }
}

/**
 * Interleaved 8-bit RGB pixels of image `index`. The scene is drawn at a quarter of the size and enlarged smoothly
 * (softening it the way a lens does); only the grain is drawn at full size, which keeps this cheap.
 */
export function synthesise(index: number, width: number, height: number): Buffer {
  const random = seededRandom(0x10c9e + index * 7919)
  const w = Math.ceil(width / SCENE_SCALE)
  const h = Math.ceil(height / SCENE_SCALE)
  const scene = new Float32Array(w * h * 3)

  // A two-colour gradient at a random angle.
  const from = randomColour(random)
  const to = randomColour(random)
  const angle = random() * Math.PI * 2
  const dx = Math.cos(angle) / w
  const dy = Math.sin(angle) / h
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = Math.min(1, Math.max(0, 0.5 + (x - w / 2) * dx + (y - h / 2) * dy))
      const o = (y * w + x) * 3
      for (let c = 0; c < 3; c++) scene[o + c] = from[c]! + (to[c]! - from[c]!) * t
    }
  }

  // Soft-edged ellipses, blended over what is beneath, standing in for objects.
  const shapes = 5 + Math.floor(random() * 8)
  for (let s = 0; s < shapes; s++) {
    const cx = random() * w
    const cy = random() * h
    const rx = (0.05 + random() * 0.25) * w
    const ry = (0.05 + random() * 0.25) * h
    const colour = randomColour(random)
    const opacity = 0.4 + random() * 0.6
    for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(h, Math.ceil(cy + ry)); y++) {
      for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(w, Math.ceil(cx + rx)); x++) {
        const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2
        if (d >= 1) continue
        const alpha = opacity * Math.min(1, (1 - d) * 6)
        const o = (y * w + x) * 3
        for (let c = 0; c < 3; c++) scene[o + c] = scene[o + c]! + (colour[c]! - scene[o + c]!) * alpha
      }
    }
  }

  // Texture: value noise on a coarse grid, interpolated.
  const cell = 6
  const gw = Math.ceil(w / cell) + 2
  const grid = Float32Array.from({ length: gw * (Math.ceil(h / cell) + 2) }, () => (random() - 0.5) * 70)
  const small = new Uint8ClampedArray(w * h * 3)
  for (let y = 0; y < h; y++) {
    const gy = Math.floor(y / cell)
    const fy = (y % cell) / cell
    for (let x = 0; x < w; x++) {
      const gx = Math.floor(x / cell)
      const fx = (x % cell) / cell
      const top = grid[gy * gw + gx]! * (1 - fx) + grid[gy * gw + gx + 1]! * fx
      const bottom = grid[(gy + 1) * gw + gx]! * (1 - fx) + grid[(gy + 1) * gw + gx + 1]! * fx
      const texture = top * (1 - fy) + bottom * fy
      const o = (y * w + x) * 3
      for (let c = 0; c < 3; c++) small[o + c] = scene[o + c]! + texture
    }
  }

  return enlargeWithGrain(small, w, h, width, height, index)
}

/**
 * Bilinear enlargement of the scene to full size, with sensor grain added on the way: rows are first stretched
 * sideways, then each output row is a blend of two stretched rows plus grain. The grain comes from one shared table
 * read from a different place for each image, which is far cheaper than a random number per sample.
 */
function enlargeWithGrain(small: Uint8ClampedArray, w: number, h: number, width: number, height: number, index: number): Buffer {
  const rowLength = width * 3
  const wide = new Float32Array(h * rowLength)
  for (let x = 0; x < width; x++) {
    const sx = Math.min(w - 1, Math.max(0, ((x + 0.5) * w) / width - 0.5))
    const a = Math.floor(sx) * 3
    const b = Math.min(w - 1, Math.floor(sx) + 1) * 3
    const f = sx - Math.floor(sx)
    for (let y = 0; y < h; y++) {
      const from = y * w * 3
      const to = y * rowLength + x * 3
      for (let c = 0; c < 3; c++) wide[to + c] = small[from + a + c]! + (small[from + b + c]! - small[from + a + c]!) * f
    }
  }
  const grain = grainTable()
  let g = (index * 104729) % grain.length
  const out = Buffer.allocUnsafe(height * rowLength)
  for (let y = 0; y < height; y++) {
    const sy = Math.min(h - 1, Math.max(0, ((y + 0.5) * h) / height - 0.5))
    const upper = Math.floor(sy) * rowLength
    const lower = Math.min(h - 1, Math.floor(sy) + 1) * rowLength
    const f = sy - Math.floor(sy)
    const o = y * rowLength
    for (let i = 0; i < rowLength; i++) {
      const value = wide[upper + i]! + (wide[lower + i]! - wide[upper + i]!) * f + grain[g]!
      out[o + i] = value < 0 ? 0 : value > 255 ? 255 : value
      if (++g === grain.length) g = 0
    }
  }
  return out
}

/** A prime-length table of grain (−8…+7 levels), so reading it from different offsets never lines up with rows. */
let sharedGrain: Int8Array | undefined
function grainTable(): Int8Array {
  if (!sharedGrain) {
    const random = seededRandom(0x9a1)
    sharedGrain = Int8Array.from({ length: 1_048_573 }, () => Math.floor(random() * 16) - 8)
  }
  return sharedGrain
}

const SCENE_SCALE = 4

function randomColour(random: () => number): [number, number, number] {
  return [random() * 255, random() * 255, random() * 255]
}
