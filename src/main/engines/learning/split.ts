import { Random } from './random'

/**
 * A seeded, stratified train/validation split: each class gives `fraction` of its samples (at least one) to
 * validation, so every class is measured and the class balance of both sides matches the whole.
 */
export function stratifiedSplit(
  classOf: Int32Array,
  classCount: number,
  fraction: number,
  seed: number,
): { train: Int32Array; validation: Int32Array } {
  const random = new Random(seed ^ 0x5eed)
  const members: number[][] = Array.from({ length: classCount }, () => [])
  classOf.forEach((c, row) => members[c]!.push(row))
  const train: number[] = []
  const validation: number[] = []
  for (const rows of members) {
    const shuffled = random.shuffle(Int32Array.from(rows))
    const held = rows.length < 2 ? 0 : Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * fraction)))
    shuffled.forEach((row, index) => (index < held ? validation : train).push(row))
  }
  return { train: Int32Array.from(train.sort((a, b) => a - b)), validation: Int32Array.from(validation.sort((a, b) => a - b)) }
}
