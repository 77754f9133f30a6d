import type { LabelledBox } from './boxes'

/**
 * What the head should say on one picture's fine grid, CenterNet-style. Each box puts a peak of 1 on the cell holding
 * its centre, in its class's heat map, falling off as an elliptical Gaussian whose spread follows the box's width and
 * height (TTFNet's choice: a long thin scratch gets a long thin hill, not a round one). At the centre cell the head
 * also learns where in the cell the centre lies and the box's log width and height in cells.
 */
export interface CellTargets {
  /** cells × classes, 0..1. */
  heat: Float32Array
  /** Cells that hold a box centre; where two boxes' centres share a cell, the smaller box keeps it. */
  centres: Int32Array
  /** centres × 4: offset x, offset y (0..1 within the cell), log width, log height (in cells). */
  regression: Float32Array
}

/** How wide a box's Gaussian is against its size: σ = SPREAD × side / 6 (TTFNet's α). */
const SPREAD = 0.54

export function cellTargets(boxes: readonly LabelledBox[], classes: number, gridHeight: number, gridWidth: number): CellTargets {
  const heat = new Float32Array(gridHeight * gridWidth * classes)
  const owner = new Map<number, { box: LabelledBox; area: number }>()
  for (const box of boxes) {
    const width = Math.max(box.width * gridWidth, 1e-3)
    const height = Math.max(box.height * gridHeight, 1e-3)
    const centreX = Math.min(gridWidth - 1, Math.max(0, Math.floor((box.x + box.width / 2) * gridWidth)))
    const centreY = Math.min(gridHeight - 1, Math.max(0, Math.floor((box.y + box.height / 2) * gridHeight)))
    const sigmaX = Math.max((SPREAD * width) / 6, 0.25)
    const sigmaY = Math.max((SPREAD * height) / 6, 0.25)
    for (let row = 0; row < gridHeight; row++) {
      for (let column = 0; column < gridWidth; column++) {
        const value = Math.exp(-((column - centreX) ** 2) / (2 * sigmaX ** 2) - (row - centreY) ** 2 / (2 * sigmaY ** 2))
        const index = (row * gridWidth + column) * classes + box.classIndex
        if (value > heat[index]!) heat[index] = value
      }
    }
    const cell = centreY * gridWidth + centreX
    const area = width * height
    const held = owner.get(cell)
    if (!held || area < held.area) owner.set(cell, { box, area })
  }
  const cells = [...owner.keys()].sort((a, b) => a - b)
  const regression = new Float32Array(cells.length * 4)
  cells.forEach((cell, index) => {
    const { box } = owner.get(cell)!
    const column = cell % gridWidth
    const row = Math.floor(cell / gridWidth)
    regression[index * 4] = (box.x + box.width / 2) * gridWidth - column
    regression[index * 4 + 1] = (box.y + box.height / 2) * gridHeight - row
    regression[index * 4 + 2] = Math.log(Math.max(box.width * gridWidth, 1e-3))
    regression[index * 4 + 3] = Math.log(Math.max(box.height * gridHeight, 1e-3))
  })
  return { heat, centres: Int32Array.from(cells), regression }
}
