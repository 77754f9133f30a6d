/** Round axis ticks (1, 2 or 5 times a power of ten) covering [min, max] in about `count` steps. */
export function niceTicks(min: number, max: number, count: number, integers = false): number[] {
  if (!(max > min)) return [min]
  const rough = (max - min) / Math.max(1, count)
  const power = 10 ** Math.floor(Math.log10(rough))
  const multiple = [1, 2, 5, 10].find((candidate) => candidate * power >= rough) ?? 10
  const step = integers ? Math.max(1, Math.round(multiple * power)) : multiple * power
  const ticks: number[] = []
  for (let value = Math.ceil(min / step) * step; value <= max + step * 1e-9; value += step) {
    // Repeated addition drifts (0.1 + 0.2); rounding to the step's precision keeps labels clean.
    ticks.push(Number(value.toFixed(Math.max(0, -Math.floor(Math.log10(step))))))
  }
  return ticks
}

/** The top of a loss axis: a little above the highest value, rounded to a tick, so the curves never touch the frame. */
export function niceMax(values: readonly number[]): number {
  const highest = Math.max(0, ...values.filter(Number.isFinite))
  if (highest === 0) return 1
  const ticks = niceTicks(0, highest * 1.05, 4)
  const last = ticks.at(-1) ?? highest
  return last >= highest ? last : last + (ticks[1] ?? highest)
}

/** A linear map from a domain onto pixels. */
export function scale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain
  const [r0, r1] = range
  const span = d1 - d0 || 1
  return (value) => r0 + ((value - d0) / span) * (r1 - r0)
}
