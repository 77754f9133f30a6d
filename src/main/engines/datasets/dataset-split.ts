import { SPLIT_PARTS, type DatasetSplit, type SplitPart } from '../../../shared/api/schemas'
import type { AnnotatedImage, AnnotationSet } from '../formats'
import type { SplitLayout } from '../formats/split-layout'
import { Random } from '../learning/random'

/**
 * Splits a set's images into train, val and test, repeatably for a seed and stratified by class: each class is
 * shuffled and shared out on its own, so every part gets its fraction of every class, and a class with at least as
 * many images as there are parts has at least one image in each. The parts with a fraction above 0 are written.
 *
 * An image's class is the one training would give it (its tag, else the class of its boxes); an image with several
 * classes counts under the rarest of them, so that rare classes reach every part; images without a class are split
 * as a group of their own.
 */
export function splitImages(set: AnnotationSet, split: DatasetSplit): SplitLayout {
  const parts = SPLIT_PARTS.filter((part) => split[part] > 0)
  const fractions = parts.map((part) => split[part])
  const strata = stratify(set.images)
  const random = new Random(split.seed ^ 0x5911)
  const partOf = new Map<string, SplitPart>()
  const given = parts.map(() => 0)
  let seen = 0
  for (const key of [...strata.keys()].sort()) {
    const members = random.shuffle(Int32Array.from(strata.get(key)!))
    seen += members.length
    const counts = shareOut(members.length, fractions, given, seen)
    let next = 0
    counts.forEach((count, k) => {
      for (let i = 0; i < count; i++) partOf.set(set.images[members[next++]!]!.file, parts[k]!)
      given[k]! += count
    })
  }
  return { parts, partOf }
}

/**
 * How many of a class's `n` images each part gets: the whole-number part of its share, then the images left over to
 * the parts furthest below their share of everything split so far (so rounding does not pile up in one part across
 * classes); then a part left empty takes one from the largest. A class with fewer images than there are parts gives
 * one to each part in order, train first: a class the model never trains on cannot be learnt.
 */
function shareOut(n: number, fractions: number[], given: number[], seen: number): number[] {
  if (n < fractions.length) return fractions.map((_, k) => (k < n ? 1 : 0))
  const counts = fractions.map((fraction) => Math.floor(n * fraction))
  for (let left = n - counts.reduce((a, b) => a + b, 0); left > 0; left--) {
    const shortfall = (k: number) => seen * fractions[k]! - given[k]! - counts[k]!
    let furthest = 0
    for (let k = 1; k < counts.length; k++) if (shortfall(k) > shortfall(furthest)) furthest = k
    counts[furthest]! += 1
  }
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] !== 0) continue
    const largest = counts.indexOf(Math.max(...counts))
    counts[largest]! -= 1
    counts[k] = 1
  }
  return counts
}

/** Image indices by class key (see splitImages); '' holds the images without a class. */
function stratify(images: readonly AnnotatedImage[]): Map<string, number[]> {
  const classesOf = images.map((image) => new Set(image.tags.length > 0 ? image.tags : image.boxes.map((box) => box.label)))
  const imagesWith = new Map<string, number>()
  for (const classes of classesOf) for (const name of classes) imagesWith.set(name, (imagesWith.get(name) ?? 0) + 1)
  const strata = new Map<string, number[]>()
  classesOf.forEach((classes, index) => {
    const rarest = [...classes].sort((a, b) => imagesWith.get(a)! - imagesWith.get(b)! || (a < b ? -1 : a > b ? 1 : 0))[0]
    const key = rarest === undefined ? '' : `class:${rarest}`
    const members = strata.get(key)
    if (members) members.push(index)
    else strata.set(key, [index])
  })
  return strata
}
