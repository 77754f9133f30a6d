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
  /** Cells taught a box: those where some box's hill is at least MIN_REGRESSION_HEAT; the highest hill's box. */
  cells: Int32Array
  /** cells × 4: the centre's offset from the cell (x, y, in cells), log width, log height (in cells). */
  regression: Float32Array
  /** Per cell: its hill height divided by the sum over its box's cells, so every box weighs 1 in all. */
  weights: Float32Array
  /**
   * cells × classes, 1 where the cell's centre lies in a crowd region of the class (and is no box's centre): the
   * heat map is not taught there, since the head may rightly see objects there or not. Null without crowd regions.
   */
  ignore: Uint8Array | null
  /** Boxes in the picture, crowd regions not counted. */
  boxes: number
}

/** Cells lower than this on a box's hill are not taught its size: too far from the centre to see the box whole. */
const MIN_REGRESSION_HEAT = 0.3

/** How wide a box's Gaussian is against its size: σ = SPREAD × side / 6 (TTFNet's α). */
const SPREAD = 0.54

export function cellTargets(all: readonly LabelledBox[], classes: number, gridHeight: number, gridWidth: number): CellTargets {
  const boxes = all.filter((box) => !box.crowd)
  const heat = new Float32Array(gridHeight * gridWidth * classes)
  const owner = new Map<number, { box: number; value: number }>()
  const totals = new Float64Array(boxes.length)
  boxes.forEach((box, boxIndex) => {
    const width = Math.max(box.width * gridWidth, 1e-3)
    const height = Math.max(box.height * gridHeight, 1e-3)
    const centreX = Math.min(gridWidth - 1, Math.max(0, Math.floor((box.x + box.width / 2) * gridWidth)))
    const centreY = Math.min(gridHeight - 1, Math.max(0, Math.floor((box.y + box.height / 2) * gridHeight)))
    const sigmaX = Math.max((SPREAD * width) / 6, 0.25)
    const sigmaY = Math.max((SPREAD * height) / 6, 0.25)
    for (let row = 0; row < gridHeight; row++) {
      for (let column = 0; column < gridWidth; column++) {
        const value = Math.exp(-((column - centreX) ** 2) / (2 * sigmaX ** 2) - (row - centreY) ** 2 / (2 * sigmaY ** 2))
        const cell = row * gridWidth + column
        const heatIndex = cell * classes + box.classIndex
        if (value > heat[heatIndex]!) heat[heatIndex] = value
        if (value < MIN_REGRESSION_HEAT) continue
        const held = owner.get(cell)
        // The higher hill owns the cell; on equal hills the smaller box, whose centre is easier to miss.
        if (!held || value > held.value || (value === held.value && width * height < boxArea(boxes[held.box]!, gridWidth, gridHeight))) {
          owner.set(cell, { box: boxIndex, value })
        }
      }
    }
  })
  const cells = [...owner.keys()].sort((a, b) => a - b)
  for (const cell of cells) totals[owner.get(cell)!.box]! += owner.get(cell)!.value
  const regression = new Float32Array(cells.length * 4)
  const weights = new Float32Array(cells.length)
  cells.forEach((cell, index) => {
    const { box: boxIndex, value } = owner.get(cell)!
    const box = boxes[boxIndex]!
    const column = cell % gridWidth
    const row = Math.floor(cell / gridWidth)
    regression[index * 4] = (box.x + box.width / 2) * gridWidth - column
    regression[index * 4 + 1] = (box.y + box.height / 2) * gridHeight - row
    regression[index * 4 + 2] = Math.log(Math.max(box.width * gridWidth, 1e-3))
    regression[index * 4 + 3] = Math.log(Math.max(box.height * gridHeight, 1e-3))
    weights[index] = value / totals[boxIndex]!
  })
  return { heat, cells: Int32Array.from(cells), regression, weights, ignore: crowdCells(all, heat, classes, gridHeight, gridWidth), boxes: boxes.length }
}

function crowdCells(boxes: readonly LabelledBox[], heat: Float32Array, classes: number, gridHeight: number, gridWidth: number): Uint8Array | null {
  const crowds = boxes.filter((box) => box.crowd)
  if (crowds.length === 0) return null
  const ignore = new Uint8Array(gridHeight * gridWidth * classes)
  for (const crowd of crowds) {
    const firstColumn = Math.max(0, Math.ceil(crowd.x * gridWidth - 0.5))
    const lastColumn = Math.min(gridWidth - 1, Math.floor((crowd.x + crowd.width) * gridWidth - 0.5))
    const firstRow = Math.max(0, Math.ceil(crowd.y * gridHeight - 0.5))
    const lastRow = Math.min(gridHeight - 1, Math.floor((crowd.y + crowd.height) * gridHeight - 0.5))
    for (let row = firstRow; row <= lastRow; row++) {
      for (let column = firstColumn; column <= lastColumn; column++) {
        const index = (row * gridWidth + column) * classes + crowd.classIndex
        if (heat[index]! < 1) ignore[index] = 1
      }
    }
  }
  return ignore
}

function boxArea(box: LabelledBox, gridWidth: number, gridHeight: number): number {
  return box.width * gridWidth * box.height * gridHeight
}
