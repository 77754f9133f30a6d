/** Rate and ETA from the recent past only, so a slow start or a pause does not skew the estimate for long. */
export class ProgressMeter {
  private samples: { at: number; done: number }[] = []

  constructor(
    private readonly windowMs = 5_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  record(done: number): void {
    const at = this.now()
    this.samples.push({ at, done })
    while (this.samples.length > 2 && at - this.samples[0]!.at > this.windowMs) this.samples.shift()
  }

  reset(): void {
    this.samples = []
  }

  /** Items per second, or null until at least half a second of progress has been seen. */
  rate(): number | null {
    const first = this.samples[0]
    const last = this.samples.at(-1)
    if (!first || !last || last.at - first.at < 500 || last.done <= first.done) return null
    return ((last.done - first.done) * 1000) / (last.at - first.at)
  }

  etaSeconds(total: number): number | null {
    const rate = this.rate()
    const done = this.samples.at(-1)?.done
    if (rate === null || done === undefined || total <= 0) return null
    return Math.max(0, (total - done) / rate)
  }
}
