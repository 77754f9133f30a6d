/**
 * How well anomaly scores separate images known to be good from images known to be defective. The positive class is
 * the defect: a score at or above a threshold flags an image, a flagged defect is a detection and a flagged good image
 * a false alarm. Pure arithmetic on two lists of scores, so the same figures come out of the app, the CLI and a bench.
 */

export interface RocPoint {
  /** Share of the good images scoring at or above `threshold`. */
  falseAlarmRate: number
  /** Share of the defects scoring at or above `threshold`. */
  detectionRate: number
  threshold: number
}

export interface Confusion {
  truePositive: number
  falsePositive: number
  trueNegative: number
  falseNegative: number
}

/**
 * The area under the ROC curve as the Mann–Whitney statistic: the chance that a random defect scores above a random
 * good image, a tie counting one half (so identical scores give 0.5, not a flattering 1 or a harsh 0). Null when either
 * side is empty: with nothing to compare there is no area.
 */
export function auroc(goodScores: readonly number[], defectScores: readonly number[]): number | null {
  if (goodScores.length === 0 || defectScores.length === 0) return null
  const good = [...goodScores].sort((a, b) => a - b)
  let wins = 0
  for (const score of defectScores) {
    const below = countBelow(good, score, false)
    const tied = countBelow(good, score, true) - below
    wins += below + tied / 2
  }
  return wins / (good.length * defectScores.length)
}

/**
 * The ROC curve: one point per distinct score, from the highest threshold (few flagged) to the lowest (all flagged),
 * thinned to at most `maxPoints` while keeping both ends. Equal scores form one step, never a staircase whose shape
 * would depend on the order of ties. Empty when either side is.
 */
export function rocCurve(goodScores: readonly number[], defectScores: readonly number[], maxPoints = 200): RocPoint[] {
  if (goodScores.length === 0 || defectScores.length === 0) return []
  const all = [...goodScores.map((score) => ({ score, defect: false })), ...defectScores.map((score) => ({ score, defect: true }))]
  all.sort((a, b) => b.score - a.score)
  const points: RocPoint[] = []
  let falseAlarms = 0
  let detections = 0
  for (let index = 0; index < all.length; index++) {
    const { score, defect } = all[index]!
    if (defect) detections++
    else falseAlarms++
    if (all[index + 1]?.score === score) continue
    points.push({ falseAlarmRate: falseAlarms / goodScores.length, detectionRate: detections / defectScores.length, threshold: score })
  }
  return thin(points, maxPoints)
}

/** The four counts at a threshold: flagged (at or above) or not, against good or defect. */
export function confusionAt(goodScores: readonly number[], defectScores: readonly number[], threshold: number): Confusion {
  const falsePositive = goodScores.filter((score) => score >= threshold).length
  const truePositive = defectScores.filter((score) => score >= threshold).length
  return {
    truePositive,
    falsePositive,
    trueNegative: goodScores.length - falsePositive,
    falseNegative: defectScores.length - truePositive,
  }
}

/** Evenly spaced points by position along the curve, the first and last always kept. */
function thin(points: RocPoint[], maxPoints: number): RocPoint[] {
  if (points.length <= maxPoints) return points
  const kept: RocPoint[] = []
  for (let index = 0; index < maxPoints; index++) kept.push(points[Math.round((index * (points.length - 1)) / (maxPoints - 1))]!)
  return kept
}

/** How many of the ascending `sorted` are below `value`, or at most `value` when `inclusive` (binary search). */
function countBelow(sorted: readonly number[], value: number, inclusive: boolean): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (sorted[middle]! < value || (inclusive && sorted[middle] === value)) low = middle + 1
    else high = middle
  }
  return low
}
