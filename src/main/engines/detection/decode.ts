import type { DetectedBox } from './boxes'
import type { DetectionHeadShape } from './head'

/**
 * Boxes from one picture's head outputs (cells × (classes + 4)): a cell is a candidate for a class where its heat is a
 * peak (no higher among its 8 neighbours), as CenterNet does instead of box-level suppression; its score is the heat,
 * its box the centre offset and size read at that cell. Best first, at most `maxBoxes`, scores ≥ threshold.
 */
export function decodePicture(
  out: Float32Array,
  outOffset: number,
  shape: Pick<DetectionHeadShape, 'classes' | 'gridHeight' | 'gridWidth'>,
  threshold: number,
  maxBoxes: number,
): DetectedBox[] {
  const { classes, gridHeight: height, gridWidth: width } = shape
  const outputs = classes + 4
  const heat = (row: number, column: number, c: number): number => out[outOffset + (row * width + column) * outputs + c]!
  const found: DetectedBox[] = []
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      for (let c = 0; c < classes; c++) {
        const logit = heat(row, column, c)
        const score = 1 / (1 + Math.exp(-logit))
        if (score < threshold || !isPeak(heat, row, column, c, height, width, logit)) continue
        const o = outOffset + (row * width + column) * outputs + classes
        const centreX = (column + out[o]!) / width
        const centreY = (row + out[o + 1]!) / height
        const boxWidth = Math.exp(Math.min(out[o + 2]!, 10)) / width
        const boxHeight = Math.exp(Math.min(out[o + 3]!, 10)) / height
        found.push({ classIndex: c, score, ...clipped(centreX - boxWidth / 2, centreY - boxHeight / 2, boxWidth, boxHeight) })
      }
    }
  }
  return found.sort((a, b) => b.score - a.score).slice(0, maxBoxes)
}

function isPeak(
  heat: (row: number, column: number, c: number) => number,
  row: number,
  column: number,
  c: number,
  height: number,
  width: number,
  value: number,
): boolean {
  for (let y = Math.max(0, row - 1); y <= Math.min(height - 1, row + 1); y++) {
    for (let x = Math.max(0, column - 1); x <= Math.min(width - 1, column + 1); x++) {
      if ((y !== row || x !== column) && heat(y, x, c) > value) return false
    }
  }
  return true
}

/** The box limited to the picture. */
function clipped(x: number, y: number, width: number, height: number): { x: number; y: number; width: number; height: number } {
  const left = Math.max(0, x)
  const top = Math.max(0, y)
  const right = Math.min(1, x + width)
  const bottom = Math.min(1, y + height)
  return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) }
}
