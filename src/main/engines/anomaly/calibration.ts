/**
 * The threshold between good and anomalous, from the scores of good images the memory bank has not seen: the
 * `quantile` of those scores (linear between neighbours). What it costs is the expected false-alarm rate, the share of
 * such good images scoring at or above a threshold, which the model keeps its held-out scores to answer for any
 * threshold a person picks.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values')
  const position = Math.min(Math.max(q, 0), 1) * (sorted.length - 1)
  const low = Math.floor(position)
  const high = Math.min(low + 1, sorted.length - 1)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

/** The share of held-out good scores at or above `threshold`. */
export function falseAlarmRate(heldOutScores: readonly number[], threshold: number): number {
  if (heldOutScores.length === 0) return 0
  return heldOutScores.filter((score) => score >= threshold).length / heldOutScores.length
}
