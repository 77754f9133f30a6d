import { monitorEventLoopDelay } from 'node:perf_hooks'

/** Timing helpers shared by every benchmark: repeated measurement, order statistics and the result shape. */

export interface Summary {
  median: number
  /** Nearest-rank 95th percentile; null when there are too few samples for it to mean anything. */
  p95: number | null
  min: number
  max: number
  n: number
}

export interface BenchResult extends Summary {
  /** Stable identifier, e.g. "grid.page.name.end". */
  id: string
  /** What a person reads in the table. */
  name: string
  unit: string
  /** Whether a bigger figure is better (throughput) or worse (latency). */
  higherIsBetter: boolean
  samples: number[]
  /** Anything that helps read the figure: sizes, row counts, the CPU it used. */
  details?: Record<string, unknown>
}

/** Below this many samples a p95 is just the maximum, so it is not reported. */
const MIN_SAMPLES_FOR_P95 = 5

export function summarise(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarise: no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (index: number) => sorted[Math.min(sorted.length - 1, Math.max(0, index))]!
  const middle = sorted.length / 2
  const median = sorted.length % 2 === 1 ? at(Math.floor(middle)) : (at(middle - 1) + at(middle)) / 2
  return {
    median,
    p95: sorted.length >= MIN_SAMPLES_FOR_P95 ? at(Math.ceil(0.95 * sorted.length) - 1) : null,
    min: at(0),
    max: at(sorted.length - 1),
    n: sorted.length,
  }
}

export function result(
  spec: { id: string; name: string; unit: string; higherIsBetter?: boolean; details?: Record<string, unknown> },
  samples: number[],
): BenchResult {
  const { details, ...rest } = spec
  return {
    ...rest,
    higherIsBetter: spec.higherIsBetter ?? false,
    ...summarise(samples),
    samples: samples.map((sample) => round(sample)),
    ...(details ? { details } : {}),
  }
}

/** Wall-clock milliseconds of one call. */
export async function timeMs(work: () => unknown): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

/** Runs `work` `warmup` times unrecorded, then `runs` times recorded; returns the recorded milliseconds. */
export async function sampleMs(work: () => unknown, options: { runs: number; warmup?: number }): Promise<number[]> {
  for (let i = 0; i < (options.warmup ?? 0); i++) await work()
  const samples: number[] = []
  for (let i = 0; i < options.runs; i++) samples.push(await timeMs(work))
  return samples
}

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

/** Synthetic data is the same on every run and every machine. */
export { mulberry32 as seededRandom } from '../src/shared/random/mulberry32'

/** Sampling period of the event-loop delay histogram; what it records beyond this period is the delay. */
export const LOOP_SAMPLING_MS = 10

/**
 * The main thread's event-loop delay while `work` runs, from perf_hooks.monitorEventLoopDelay: how late its sampling
 * timer fired (the histogram records whole periods, so the period is subtracted), in milliseconds.
 */
export async function loopDelay(work: () => Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  const histogram = monitorEventLoopDelay({ resolution: LOOP_SAMPLING_MS })
  histogram.enable()
  await work()
  histogram.disable()
  const late = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LOOP_SAMPLING_MS)
  return { p50: late(histogram.percentile(50)), p99: late(histogram.percentile(99)), max: late(histogram.max) }
}
