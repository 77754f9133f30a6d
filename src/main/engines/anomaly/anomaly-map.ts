import { samplePoints } from './patch-features'

/**
 * From patch distances to a picture-sized anomaly map and boxes: the patch grid is upsampled bilinearly to the model's
 * input size and smoothed with a Gaussian (as PatchCore does, so one noisy patch does not make a region), and the
 * connected areas at or above the threshold become boxes, scaled to the original picture's pixels.
 */

/** A box in pixels of the original picture, with the highest map value inside it. */
export interface AnomalyRegion {
  x: number
  y: number
  width: number
  height: number
  score: number
}

export interface AnomalyMap {
  width: number
  height: number
  /** width × height values, row-major, in the units of patch distances. */
  values: Float32Array
}

export function anomalyMap(patches: Float32Array, grid: { height: number; width: number }, size: { height: number; width: number }, sigma: number): AnomalyMap {
  const ys = samplePoints(grid.height, size.height)
  const xs = samplePoints(grid.width, size.width)
  const values = new Float32Array(size.width * size.height)
  for (let y = 0; y < size.height; y++) {
    const { low: y0, high: y1, weight: wy } = ys[y]!
    for (let x = 0; x < size.width; x++) {
      const { low: x0, high: x1, weight: wx } = xs[x]!
      const top = patches[y0 * grid.width + x0]! * (1 - wx) + patches[y0 * grid.width + x1]! * wx
      const bottom = patches[y1 * grid.width + x0]! * (1 - wx) + patches[y1 * grid.width + x1]! * wx
      values[y * size.width + x] = top * (1 - wy) + bottom * wy
    }
  }
  return { width: size.width, height: size.height, values: sigma > 0 ? gaussianBlur(values, size.width, size.height, sigma) : values }
}

/** Separable Gaussian blur, the kernel cut at 3σ and renormalised at the borders. */
function gaussianBlur(values: Float32Array, width: number, height: number, sigma: number): Float32Array {
  const radius = Math.ceil(3 * sigma)
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, index) => Math.exp(-((index - radius) ** 2) / (2 * sigma * sigma)))
  const pass = (source: Float32Array, alongRows: boolean): Float32Array => {
    const out = new Float32Array(source.length)
    const [outer, inner] = alongRows ? [height, width] : [width, height]
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let sum = 0
        let weight = 0
        for (let k = -radius; k <= radius; k++) {
          const j = i + k
          if (j < 0 || j >= inner) continue
          const w = kernel[k + radius]!
          sum += w * source[alongRows ? o * width + j : j * width + o]!
          weight += w
        }
        out[alongRows ? o * width + i : i * width + o] = sum / weight
      }
    }
    return out
  }
  return pass(pass(values, true), false)
}

/**
 * The map with each value replaced by the highest within `reach` pixels along each axis (a square running maximum,
 * separable): a hot spot grows by `reach` on every side and keeps its peak.
 */
export function widenedMap(map: AnomalyMap, reach: number): AnomalyMap {
  if (reach <= 0) return map
  const { width, height } = map
  const pass = (source: Float32Array, alongRows: boolean): Float32Array => {
    const out = new Float32Array(source.length)
    const [outer, inner] = alongRows ? [height, width] : [width, height]
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let highest = -Infinity
        for (let j = Math.max(0, i - reach); j <= Math.min(inner - 1, i + reach); j++) {
          highest = Math.max(highest, source[alongRows ? o * width + j : j * width + o]!)
        }
        out[alongRows ? o * width + i : i * width + o] = highest
      }
    }
    return out
  }
  return { width, height, values: pass(pass(map.values, true), false) }
}

/**
 * The 8-connected areas of `map` at or above `threshold`, highest first, as boxes in a picture of `picture` size (the
 * map covers the whole picture, stretched: see the resize policy in image-input.ts), each drawn in by `inset` map
 * pixels on every side (a widened map's areas are that much larger than what they mark).
 */
export function hotRegions(map: AnomalyMap, threshold: number, picture: { width: number; height: number }, inset = 0): AnomalyRegion[] {
  const { width, height, values } = map
  const seen = new Uint8Array(values.length)
  const regions: AnomalyRegion[] = []
  const scaleX = picture.width / width
  const scaleY = picture.height / height
  for (let start = 0; start < values.length; start++) {
    if (seen[start] || values[start]! < threshold) continue
    let [left, top, right, bottom, peak] = [width, height, -1, -1, -Infinity]
    const stack = [start]
    seen[start] = 1
    while (stack.length > 0) {
      const index = stack.pop()!
      const x = index % width
      const y = (index - x) / width
      left = Math.min(left, x)
      right = Math.max(right, x)
      top = Math.min(top, y)
      bottom = Math.max(bottom, y)
      peak = Math.max(peak, values[index]!)
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx
          const ny = y + dy
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue
          const neighbour = ny * width + nx
          if (seen[neighbour] || values[neighbour]! < threshold) continue
          seen[neighbour] = 1
          stack.push(neighbour)
        }
      }
    }
    ;[left, right] = insetSpan(left, right, inset, width)
    ;[top, bottom] = insetSpan(top, bottom, inset, height)
    const x = Math.floor(left * scaleX)
    const y = Math.floor(top * scaleY)
    regions.push({
      x,
      y,
      width: Math.min(picture.width, Math.ceil((right + 1) * scaleX)) - x,
      height: Math.min(picture.height, Math.ceil((bottom + 1) * scaleY)) - y,
      score: peak,
    })
  }
  return regions.sort((a, b) => b.score - a.score)
}

/**
 * A span of map pixels drawn in by `inset` at each end that is not the map's edge (widening stops at the edge, so a
 * span that reaches it has not grown there); a span too short for that becomes its middle pixel.
 */
function insetSpan(low: number, high: number, inset: number, size: number): [number, number] {
  const from = low === 0 ? low : low + inset
  const to = high === size - 1 ? high : high - inset
  if (from <= to) return [from, to]
  const middle = Math.floor((low + high) / 2)
  return [middle, middle]
}

/**
 * The map shrunk by a whole factor so neither side exceeds `maxSide`, each cell the highest value it covers: a small
 * hot spot keeps its peak (an average would dim it below the threshold), and the map's maximum stays the score.
 */
export function shrinkMap(map: AnomalyMap, maxSide: number): AnomalyMap {
  const factor = Math.max(1, Math.ceil(Math.max(map.width, map.height) / maxSide))
  if (factor === 1) return map
  const width = Math.ceil(map.width / factor)
  const height = Math.ceil(map.height / factor)
  const values = new Float32Array(width * height).fill(-Infinity)
  for (let y = 0; y < map.height; y++) {
    const row = Math.floor(y / factor) * width
    for (let x = 0; x < map.width; x++) {
      const cell = row + Math.floor(x / factor)
      values[cell] = Math.max(values[cell]!, map.values[y * map.width + x]!)
    }
  }
  return { width, height, values }
}

/** The map's values as bytes, 255 standing for `top` (values above it are clipped): value ≈ byte × top / 255. */
export function mapLevels(map: AnomalyMap, top: number): Uint8Array {
  const levels = new Uint8Array(map.values.length)
  if (top <= 0) return levels
  for (let i = 0; i < levels.length; i++) levels[i] = Math.round(Math.min(1, Math.max(0, map.values[i]! / top)) * 255)
  return levels
}
