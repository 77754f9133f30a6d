import type { CellTargets } from './targets'

/**
 * The detector's loss on one picture's outputs and its gradient, added into `gradient` (same layout as `out`: cells ×
 * (classes + 4)). Heat maps: CenterNet's penalty-reduced focal loss (α 2, β 4), which lets the many empty cells and
 * the cells near a centre count for little; size and offset: L1 over the cells each box teaches (targets.ts), weighted
 * so that each box counts once. Both are divided by `boxes`, the
 * batch's box count, so a batch's loss does not grow with how many defects it happens to hold. `classWeights` scales
 * each class's heat-map terms (rare classes count for more). Cells inside a crowd region of a class (targets.ignore)
 * add nothing to that class's heat-map terms.
 */

const ALPHA = 2
const BETA = 4
/** Weight of the size and offset terms against the heat map's. */
const REGRESSION_WEIGHT = 1

export function pictureLoss(
  out: Float32Array,
  outOffset: number,
  targets: CellTargets,
  classes: number,
  classWeights: Float32Array,
  boxes: number,
  gradient: Float32Array | null,
): number {
  const outputs = classes + 4
  const cells = targets.heat.length / classes
  const scale = 1 / Math.max(1, boxes)
  let loss = 0
  for (let cell = 0; cell < cells; cell++) {
    const o = outOffset + cell * outputs
    for (let c = 0; c < classes; c++) {
      if (targets.ignore?.[cell * classes + c]) continue
      const logit = out[o + c]!
      const p = Math.min(Math.max(1 / (1 + Math.exp(-logit)), 1e-6), 1 - 1e-6)
      const target = targets.heat[cell * classes + c]!
      const weight = classWeights[c]! * scale
      let value: number
      let slope: number
      if (target >= 1) {
        value = -((1 - p) ** ALPHA) * Math.log(p)
        slope = (1 - p) ** ALPHA * (ALPHA * p * Math.log(p) - (1 - p))
      } else {
        const reduce = (1 - target) ** BETA
        value = -reduce * p ** ALPHA * Math.log(1 - p)
        slope = reduce * p ** ALPHA * (p - ALPHA * (1 - p) * Math.log(1 - p))
      }
      loss += weight * value
      if (gradient) gradient[o + c]! += weight * slope
    }
  }
  targets.cells.forEach((cell, index) => {
    const o = outOffset + cell * outputs + classes
    const weight = REGRESSION_WEIGHT * scale * targets.weights[index]!
    for (let k = 0; k < 4; k++) {
      const difference = out[o + k]! - targets.regression[index * 4 + k]!
      loss += weight * Math.abs(difference)
      if (gradient) gradient[o + k]! += weight * Math.sign(difference)
    }
  })
  return loss
}
