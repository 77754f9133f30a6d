import { mulberry32 } from '../../../shared/random/mulberry32'

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same split, initial weights, batch
 * order and dropout masks on every machine, so a training run can be repeated exactly.
 */
export class Random {
  /** Uniform in [0, 1). */
  readonly next: () => number

  constructor(seed: number) {
    this.next = mulberry32(seed >>> 0 || 0x9e3779b9)
  }

  /** A whole number in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * bound)
  }

  /** Fisher–Yates, in place. */
  shuffle<T extends { length: number; [index: number]: number }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.below(i + 1)
      const swap = values[i]!
      values[i] = values[j]!
      values[j] = swap
    }
    return values
  }
}
