/**
 * How good a box detector is on a set of images, the way COCO and Pascal VOC measure it: average precision per class
 * at IoU 0.5 (mAP50) and averaged over IoU 0.50, 0.55, …, 0.95 (mAP50-95), precision and recall at the score a user
 * picked, and per image how many boxes were missed or wrongly found, so the worst images can be opened.
 *
 * Runs after every training epoch (hundreds of images, up to 100 detections each), so each image's IoUs are computed
 * once per class and reused by all ten thresholds. Plain arithmetic: the training worker and the services share it.
 */

import { iou, type DetectedBox, type LabelledBox, type NormalisedBox } from './boxes'

/** One image: its ground truth and the detector's boxes for it. */
export interface ImageDetections {
  truth: readonly LabelledBox[]
  detections: readonly DetectedBox[]
}

export interface ClassEvaluation {
  classIndex: number
  truthBoxes: number
  /** null when the class has no truth box: nothing to find, so no AP, and it stays out of the mean. */
  ap50: number | null
  ap5095: number | null
  /** Among detections scoring ≥ the threshold, the share that found a box (IoU ≥ 0.5); null when there are none. */
  precision: number | null
  /** Among truth boxes, the share found by a detection scoring ≥ the threshold (IoU ≥ 0.5); null without truth. */
  recall: number | null
}

export interface ImageEvaluation {
  /** The image's position in the input. */
  index: number
  /** Truth boxes no detection scoring ≥ the threshold found at IoU 0.5. */
  misses: number
  /** Detections scoring ≥ the threshold that found no truth box at IoU 0.5 (wrong place, wrong class or a duplicate). */
  falsePositives: number
  /** Sort descending to list the worst images first; see `worstness`. */
  worst: number
}

export interface DetectionEvaluation {
  /** Mean of the classes' AP; null when no class has a truth box. */
  map50: number | null
  map5095: number | null
  perClass: ClassEvaluation[]
  /** In input order. */
  images: ImageEvaluation[]
}

/** 0.50, 0.55, …, 0.95, each the double nearest its decimal, so a box at IoU 0.75 counts at 0.75 as written. */
export const IOU_THRESHOLDS: readonly number[] = Array.from({ length: 10 }, (_, k) => (50 + 5 * k) / 100)

/**
 * Average precision of one class at one IoU threshold (null when the class has no truth box).
 *
 * Matching, as COCO does it: the class's detections over all images, best score first (ties in image order, then
 * input order), each take the not yet taken truth box of their class in their image with the highest IoU ≥ the
 * threshold (a box exactly at the threshold counts); a detection that takes none is a false positive, unless it lies
 * in a crowd region of its class, which it then counts neither way (and crowd regions are no boxes to find).
 *
 * AP is the all-point area under the precision envelope (Pascal VOC 2010 onwards): every found box adds 1/truth of
 * recall at the best precision reached at that recall or beyond. Chosen over COCO's 101-point sampling of the same
 * envelope because it is the exact area: on a small validation set the samples' places shift the sampled figure, which
 * early stopping would then chase. Figures from COCO's tools may differ slightly for that reason. There is no cap on
 * detections per image (COCO keeps the best 100); the detector's NMS bounds them.
 */
export function averagePrecision(images: readonly ImageDetections[], classCount: number, classIndex: number, iouThreshold: number): number | null {
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classCount) throw new RangeError(`class ${classIndex} is not one of the ${classCount} classes`)
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) throw new RangeError(`the IoU threshold must be between 0 and 1, not ${iouThreshold}`)
  return averagePrecisionAt(matchClass(images, groupByClass(images, classCount)[classIndex]!, [iouThreshold]), 0)
}

/** Every figure of a validation run; precision, recall and the per-image counts are at IoU 0.5 and `scoreThreshold`. */
export function evaluateDetections(images: readonly ImageDetections[], classCount: number, options: { scoreThreshold: number }): DetectionEvaluation {
  const { scoreThreshold } = options
  if (!Number.isFinite(scoreThreshold)) throw new RangeError(`the score threshold must be a number, not ${scoreThreshold}`)
  const matches = groupByClass(images, classCount).map((groups) => matchClass(images, groups, IOU_THRESHOLDS))
  const perClass = matches.map((match, classIndex) => evaluateClass(classIndex, match, scoreThreshold))
  return {
    map50: mean(perClass.map((c) => c.ap50)),
    map5095: mean(perClass.map((c) => c.ap5095)),
    perClass,
    images: evaluateImages(images, matches, scoreThreshold),
  }
}

/**
 * The score threshold at which the detections best balance finding boxes and being right about them: the highest F1
 * at IoU 0.5 over every class together (a suggestion is worth showing when it is as likely to be a box as a box is
 * likely to be suggested), as detector trainers report their "best F1 confidence". A head's scores depend on its data,
 * its length of training and its backbone (the same default suited one head and left another with no box on most
 * pictures), so a version's default is measured on its own validation pictures rather than fixed. Rounded down to
 * 0.01, so that the detection it was measured at still counts; `fallback` when there is no box to find or no detection.
 */
export function bestF1Threshold(images: readonly ImageDetections[], classCount: number, fallback: number): number {
  const matches = groupByClass(images, classCount).map((groups) => matchClass(images, groups, [IOU_THRESHOLDS[0]!]))
  const truth = matches.reduce((sum, match) => sum + match.truthCount, 0)
  const ranked = matches.flatMap((match) => match.detections.filter((d) => !(d.ignored & 1))).sort((a, b) => b.score - a.score)
  if (truth === 0 || ranked.length === 0) return fallback
  let found = 0
  let best = { f1: -1, score: fallback }
  ranked.forEach((detection, rank) => {
    if (detection.found & 1) found++
    // A threshold keeps every detection of an equal score, so only the last of a run of equal scores is a place to stop.
    if (rank + 1 < ranked.length && ranked[rank + 1]!.score === detection.score) return
    const f1 = (2 * found) / (rank + 1 + truth)
    if (f1 > best.f1) best = { f1, score: detection.score }
  })
  return Math.floor(best.score * 100) / 100
}

/** Where one class has boxes in one image: indices into that image's `truth` and `detections`. */
interface ClassInImage {
  image: number
  truth: number[]
  detections: number[]
}

interface MatchedDetection {
  image: number
  score: number
  /**
   * Bit k set: it found a box at the k-th IoU threshold; clear: a false positive there. A number rather than an array:
   * an evaluation has tens of thousands of detections, and a small array for each made it twice as slow.
   */
  found: number
  /**
   * Bit k set: it found no box at the k-th threshold but lies in a crowd region of its class (COCO's rule: the share
   * of the detection inside the region at least the threshold), so it counts neither way there.
   */
  ignored: number
  /** The index in its image's `truth` of the box it took at the first threshold, or -1. */
  tookFirst: number
}

interface ClassMatches {
  truthCount: number
  /** Best score first; ties in image order, then input order. */
  detections: MatchedDetection[]
}

/** Per class, the images it appears in; checks every box on the way, as a bad box would silently skew the figures. */
function groupByClass(images: readonly ImageDetections[], classCount: number): ClassInImage[][] {
  if (!Number.isInteger(classCount) || classCount < 0) throw new RangeError(`the class count must be a whole number ≥ 0, not ${classCount}`)
  const groups: ClassInImage[][] = Array.from({ length: classCount }, () => [])
  images.forEach((image, imageIndex) => {
    const inImage = new Map<number, ClassInImage>()
    const groupOf = (box: LabelledBox, what: string): ClassInImage => {
      const { classIndex } = box
      const where = `image ${imageIndex}, ${what}`
      if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classCount) throw new RangeError(`${where}: class ${classIndex} is not one of the ${classCount} classes`)
      const isBox = [box.x, box.y, box.width, box.height].every(Number.isFinite) && box.width >= 0 && box.height >= 0
      if (!isBox) throw new RangeError(`${where}: not a box (${JSON.stringify(box)})`)
      let group = inImage.get(classIndex)
      if (!group) inImage.set(classIndex, (group = { image: imageIndex, truth: [], detections: [] }))
      return group
    }
    image.truth.forEach((box, index) => groupOf(box, `truth box ${index}`).truth.push(index))
    image.detections.forEach((box, index) => {
      if (!Number.isFinite(box.score)) throw new RangeError(`image ${imageIndex}, detection ${index}: no finite score (${box.score})`)
      groupOf(box, `detection ${index}`).detections.push(index)
    })
    for (const [classIndex, group] of inImage) groups[classIndex]!.push(group)
  })
  return groups
}

/**
 * Matches one class's detections at each threshold (at most 31: one bit each). Each image's IoUs between the class's
 * detections and truth boxes are computed once; the thresholds only re-run the cheap greedy pass over them.
 */
function matchClass(images: readonly ImageDetections[], groups: readonly ClassInImage[], thresholds: readonly number[]): ClassMatches {
  const matched: MatchedDetection[] = []
  let truthCount = 0
  for (const group of groups) {
    const { truth, detections } = images[group.image]!
    const truthIndices = group.truth.filter((t) => !truth[t]!.crowd)
    const crowds = group.truth.filter((t) => truth[t]!.crowd).map((t) => truth[t]!)
    const columns = truthIndices.length
    truthCount += columns
    // Greedy matching goes best score first within the image; sort is stable, so ties stay in input order.
    const order = [...group.detections].sort((a, b) => detections[b]!.score - detections[a]!.score)
    const overlaps = new Float64Array(order.length * columns)
    for (let row = 0; row < order.length; row++) {
      for (let column = 0; column < columns; column++) overlaps[row * columns + column] = iou(detections[order[row]!]!, truth[truthIndices[column]!]!)
    }
    const found = new Array<number>(order.length).fill(0)
    const ignored = new Array<number>(order.length).fill(0)
    const tookFirst = new Array<number>(order.length).fill(-1)
    const taken = new Uint8Array(columns)
    thresholds.forEach((threshold, k) => {
      taken.fill(0)
      for (let row = 0; row < order.length; row++) {
        let best = -1
        for (let column = 0; column < columns; column++) {
          const overlap = overlaps[row * columns + column]!
          if (taken[column] || overlap < threshold) continue
          if (best < 0 || overlap > overlaps[row * columns + best]!) best = column
        }
        if (best < 0) {
          const detection = detections[order[row]!]!
          if (crowds.some((crowd) => shareInside(detection, crowd) >= threshold)) ignored[row]! |= 1 << k
          continue
        }
        taken[best] = 1
        found[row]! |= 1 << k
        if (k === 0) tookFirst[row] = truthIndices[best]!
      }
    })
    order.forEach((d, row) =>
      matched.push({ image: group.image, score: detections[d]!.score, found: found[row]!, ignored: ignored[row]!, tookFirst: tookFirst[row]! }),
    )
  }
  // Pushed in image order, each image best first: a stable sort by score leaves ties in image, then input order.
  matched.sort((a, b) => b.score - a.score)
  return { truthCount, detections: matched }
}

function averagePrecisionAt({ truthCount, detections }: ClassMatches, k: number): number | null {
  if (truthCount === 0) return null
  const bit = 1 << k
  const ranked = detections.filter((detection) => !(detection.ignored & bit))
  const precision = new Float64Array(ranked.length)
  let found = 0
  for (let rank = 0; rank < ranked.length; rank++) {
    if (ranked[rank]!.found & bit) found++
    precision[rank] = found / (rank + 1)
  }
  // From the lowest score up, the best precision at this recall or beyond; each found box adds its recall step.
  let envelope = 0
  let area = 0
  for (let rank = ranked.length - 1; rank >= 0; rank--) {
    envelope = Math.max(envelope, precision[rank]!)
    if (ranked[rank]!.found & bit) area += envelope
  }
  return area / truthCount
}

function evaluateClass(classIndex: number, match: ClassMatches, scoreThreshold: number): ClassEvaluation {
  const precisions = IOU_THRESHOLDS.map((_, k) => averagePrecisionAt(match, k))
  const confident = match.detections.filter((d) => d.score >= scoreThreshold && !(d.ignored & 1))
  const found = confident.filter((d) => d.tookFirst >= 0).length
  return {
    classIndex,
    truthBoxes: match.truthCount,
    ap50: precisions[0]!,
    ap5095: mean(precisions),
    precision: confident.length > 0 ? found / confident.length : null,
    recall: match.truthCount > 0 ? found / match.truthCount : null,
  }
}

/**
 * The detections scoring ≥ the threshold took the same boxes as in the full matching at IoU 0.5: matching goes best
 * score first, so the ones below the threshold only ever came after them.
 */
function evaluateImages(images: readonly ImageDetections[], matches: readonly ClassMatches[], scoreThreshold: number): ImageEvaluation[] {
  const found = images.map((image) => new Uint8Array(image.truth.length))
  const falsePositives = images.map(() => ({ count: 0, highestScore: 0 }))
  for (const match of matches) {
    for (const d of match.detections) {
      if (d.score < scoreThreshold || d.ignored & 1) continue
      if (d.tookFirst >= 0) found[d.image]![d.tookFirst] = 1
      else {
        const wrong = falsePositives[d.image]!
        wrong.count++
        wrong.highestScore = Math.max(wrong.highestScore, d.score)
      }
    }
  }
  return images.map((image, index) => {
    const missed = image.truth.filter((box, t) => !found[index]![t] && !box.crowd)
    const { count, highestScore } = falsePositives[index]!
    const largestMissed = Math.max(0, ...missed.map((box) => box.width * box.height))
    return { index, misses: missed.length, falsePositives: count, worst: worstness(missed.length, count, largestMissed, highestScore) }
  })
}

/** Share of one error the tie-break may add per part; two parts at most 0.98, so it never outranks one more error. */
const TIE_BREAK_WEIGHT = 0.49

/**
 * Misses plus false positives; between images with as many errors, the one missing a larger box (as a share of the
 * image) or sure of a wrong box scores higher: those are the errors a person notices first.
 */
function worstness(misses: number, falsePositives: number, largestMissedArea: number, highestFalseScore: number): number {
  const clamp = (value: number) => Math.min(1, Math.max(0, value))
  return misses + falsePositives + TIE_BREAK_WEIGHT * (clamp(largestMissedArea) + clamp(highestFalseScore))
}

/** How much of `box` lies inside `region`, as a share of the box's own area: COCO's overlap with a crowd region. */
function shareInside(box: NormalisedBox, region: NormalisedBox): number {
  const width = Math.min(box.x + box.width, region.x + region.width) - Math.max(box.x, region.x)
  const height = Math.min(box.y + box.height, region.y + region.height) - Math.max(box.y, region.y)
  const area = box.width * box.height
  return width > 0 && height > 0 && area > 0 ? (width * height) / area : 0
}

function mean(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null)
  return present.length > 0 ? present.reduce((sum, value) => sum + value, 0) / present.length : null
}
