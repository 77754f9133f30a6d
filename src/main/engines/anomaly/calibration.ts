/** Below this many held-out scores a standard deviation is no estimate (two scores can give any spread). */
export const MIN_SCORES_FOR_SPREAD = 10

/**
 * The threshold between good and anomalous, from the scores of good images the memory bank has not seen: their mean
 * plus `spreads` standard deviations, or their highest score when there are too few of them for a spread (a threshold
 * far above every defect would flag nothing). Held-out images resemble the banked ones (often pictures of the same
 * parts) more than other good parts do, so a high quantile of their scores, close to their highest, sat inside the
 * unseen good scores and flagged a quarter of them; three deviations reach past their tail. Magnetic tiles, 92 unseen
 * good tiles and 34 defects, false alarms and defects caught at three deviations against the 0.99 quantile: learnt
 * on the first 60% by number 9 and 24 against 23 and 26, on the last 60% 1 and 9 against 1 and 7; with two other
 * seeds for the held-out split and the coreset, 2 and 15 against 9 and 18, 3 and 21 against 13 and 29, 0 and 12
 * against 0 and 13, 17 and 24 against 22 and 26.
 */
export function spreadThreshold(scores: readonly number[], spreads: number): number {
  if (scores.length === 0) throw new RangeError('threshold of no scores')
  if (scores.length < MIN_SCORES_FOR_SPREAD) return Math.max(...scores)
  const { mean, spread } = meanAndSpread(scores)
  return mean + spreads * spread
}

/** The scores' mean and standard deviation (of these scores themselves, not an estimate for more). */
export function meanAndSpread(scores: readonly number[]): { mean: number; spread: number } {
  const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length
  return { mean, spread: Math.sqrt(scores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / scores.length) }
}

/**
 * What a threshold costs: the expected false-alarm rate, the share of held-out good scores at or above it (the model
 * keeps its held-out scores to answer this for any threshold a person picks).
 */
export function falseAlarmRate(heldOutScores: readonly number[], threshold: number): number {
  if (heldOutScores.length === 0) return 0
  return heldOutScores.filter((score) => score >= threshold).length / heldOutScores.length
}
