/** A false-alarm rate as a percentage, with a decimal below 10% where the difference matters. */
export function formatRate(rate: number): string {
  const percent = rate * 100
  return `${percent > 0 && percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`
}
