/**
 * The threshold between good and anomalous, from the scores of good images the memory bank has not seen. Those images
 * come from the same sessions as the banked ones, so they score lower than good images from another day do; a high
 * quantile of a few of them (close to their highest) sat inside the unseen good scores and flagged a
 * quarter of them. The mean plus a few standard deviations of the held-out scores reaches past their tail instead
 * (magnetic tiles, 92 unseen good tiles and 34 defects, learnt on the first 60% by number: 9 false alarms and 24
 * defects caught at three deviations, against 23 and 26 at the 0.99 quantile; learnt on the last 60%: 1 and 9,
 * against 1 and 7). Below ten held-out scores their spread is no estimate (two scores can give any spread, and a
 * threshold far above every defect flags nothing), so the threshold is then their highest. What a threshold costs is the expected false-alarm rate, the share of held-out good images at or
 * above it, which the model keeps its held-out scores to answer for any threshold a person picks.
 */
const MIN_SCORES_FOR_SPREAD = 10

export function spreadThreshold(scores: readonly number[], spreads: number): number {
  if (scores.length === 0) throw new RangeError('threshold of no scores')
  if (scores.length < MIN_SCORES_FOR_SPREAD) return Math.max(...scores)
  const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length
  const variance = scores.reduce((sum, score) => sum + (score - mean) ** 2, 0) / scores.length
  return mean + spreads * Math.sqrt(variance)
}

/** The share of held-out good scores at or above `threshold`. */
export function falseAlarmRate(heldOutScores: readonly number[], threshold: number): number {
  if (heldOutScores.length === 0) return 0
  return heldOutScores.filter((score) => score >= threshold).length / heldOutScores.length
}
