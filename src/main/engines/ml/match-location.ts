import type { FeatureMap } from './feature-maps'

/**
 * Where in an image a region of another image is found, from feature maps alone: the query region's cells pooled into
 * one vector, compared (cosine) with every window of cells of the other image at a few sizes around the region's own.
 *
 * Both maps are of whole images resized to the model's input without keeping proportions (preprocess's 'squash'), so
 * a cell covers the same fraction of its image on both sides and boxes map back to pixels by the image's size alone.
 */

/** A rectangle as fractions (0..1) of an image's width and height. */
export interface UnitBox {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowMatch {
  box: UnitBox
  /** Cosine of the pooled window and the query's pooled cells. */
  score: number
}

/** One image of a batch's map, as its own cells (H×W×C). */
export function imageCells(map: FeatureMap, image: number): FeatureMap {
  const size = map.height * map.width * map.channels
  return { ...map, data: map.data.subarray(image * size, (image + 1) * size) }
}

/** The sum of the cells `box` covers, each weighted by how much of it the box covers (compared by cosine, so unscaled). */
export function pooledRegion(cells: FeatureMap, box: UnitBox): Float32Array {
  const { height, width, channels } = cells
  const pooled = new Float32Array(channels)
  const left = box.x * width
  const right = (box.x + box.width) * width
  const top = box.y * height
  const bottom = (box.y + box.height) * height
  for (let row = Math.max(0, Math.floor(top)); row < Math.min(height, Math.ceil(bottom)); row++) {
    const rowShare = Math.min(bottom, row + 1) - Math.max(top, row)
    for (let column = Math.max(0, Math.floor(left)); column < Math.min(width, Math.ceil(right)); column++) {
      const weight = rowShare * (Math.min(right, column + 1) - Math.max(left, column))
      if (weight <= 0) continue
      const offset = (row * width + column) * channels
      for (let channel = 0; channel < channels; channel++) pooled[channel]! += weight * cells.data[offset + channel]!
    }
  }
  return pooled
}

/** Window sizes tried, as multiples of the query region's size: the same thing may appear larger or smaller. */
export const WINDOW_SCALES = [0.6, 0.8, 1, 1.25, 1.6] as const

/**
 * The window of `cells` most like `query` (a pooled vector of the same layer): every position of windows of each of
 * `sizes` (fractions of the searched image) times each of WINDOW_SCALES, rounded to whole cells, at least one; the best
 * is then refined (see refined). Window sums come from a summed-area table: O(cells × channels × window sizes).
 */
export function bestWindow(cells: FeatureMap, query: Float32Array, sizes: readonly { width: number; height: number }[]): WindowMatch {
  const { height, width, channels } = cells
  const table = summedAreaTable(cells)
  const queryNorm = Math.sqrt(query.reduce((sum, value) => sum + value * value, 0))
  const stride = (width + 1) * channels
  const windows: WindowMatch[] = []
  const tried = new Set<string>()
  for (const window of sizes.flatMap((size) => WINDOW_SCALES.map((factor) => ({ ...size, factor })))) {
    const columns = clampCells(window.width * window.factor * width, width)
    const rows = clampCells(window.height * window.factor * height, height)
    if (tried.has(`${columns}×${rows}`)) continue
    tried.add(`${columns}×${rows}`)
    for (let top = 0; top + rows <= height; top++) {
      for (let left = 0; left + columns <= width; left++) {
        const a = top * stride + left * channels
        const b = top * stride + (left + columns) * channels
        const c = (top + rows) * stride + left * channels
        const d = (top + rows) * stride + (left + columns) * channels
        let dot = 0
        let norm = 0
        for (let channel = 0; channel < channels; channel++) {
          const sum = table[d + channel]! - table[b + channel]! - table[c + channel]! + table[a + channel]!
          dot += sum * query[channel]!
          norm += sum * sum
        }
        const score = norm > 0 && queryNorm > 0 ? dot / Math.sqrt(norm) / queryNorm : 0
        windows.push({ box: { x: left / width, y: top / height, width: columns / width, height: rows / height }, score })
      }
    }
  }
  return refined(windows)
}

/** How far below the best window's score the windows are that still move the answer (see refined). */
export const AGREEMENT_MARGIN = 0.02

/**
 * The best window, moved to the score-weighted mean of the windows nearly as good: one cell is a sixteenth of the
 * model's input, so a box snapped to whole cells can be off by half a cell on each side, and the near-best windows
 * overlapping it say which way.
 */
function refined(windows: readonly WindowMatch[]): WindowMatch {
  const best = windows.reduce((a, b) => (b.score > a.score ? b : a))
  const floor = best.score - AGREEMENT_MARGIN
  let total = 0
  const sum = { x: 0, y: 0, right: 0, bottom: 0 }
  for (const { box, score } of windows) {
    if (score <= floor || !overlaps(box, best.box)) continue
    const weight = score - floor
    total += weight
    sum.x += weight * box.x
    sum.y += weight * box.y
    sum.right += weight * (box.x + box.width)
    sum.bottom += weight * (box.y + box.height)
  }
  if (total === 0) return best
  const x = sum.x / total
  const y = sum.y / total
  return { box: { x, y, width: sum.right / total - x, height: sum.bottom / total - y }, score: best.score }
}

function overlaps(a: UnitBox, b: UnitBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

function clampCells(cells: number, limit: number): number {
  return Math.min(limit, Math.max(1, Math.round(cells)))
}

/** (H+1)×(W+1)×C sums of every cell above and left of each corner, in float64 so long sums lose nothing. */
function summedAreaTable(cells: FeatureMap): Float64Array {
  const { height, width, channels } = cells
  const stride = (width + 1) * channels
  const table = new Float64Array((height + 1) * stride)
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const source = (row * width + column) * channels
      const target = (row + 1) * stride + (column + 1) * channels
      for (let channel = 0; channel < channels; channel++) {
        table[target + channel] =
          cells.data[source + channel]! + table[target - channels + channel]! + table[target - stride + channel]! - table[target - stride - channels + channel]!
      }
    }
  }
  return table
}
