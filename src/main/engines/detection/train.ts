import { Adam } from '../learning/adam'
import { Random } from '../learning/random'
import type { Products } from '../learning/trainer'
import type { DetectedBox, LabelledBox } from './boxes'
import { decodePicture } from './decode'
import type { DetectionInputShape, DetectionMaps } from './features'
import { fromHalf } from './half-floats'
import { cloneHead, coarseGrid, HEAD_TENSORS, initialHead, outputCount, type DetectionHead } from './head'
import { headBackward, headForward, type HeadBatch } from './head-math'
import { pictureLoss } from './loss'
import { bestF1Threshold, evaluateDetections, type DetectionEvaluation } from './metrics'
import { nonMaximumSuppression } from './nms'
import { cellTargets, type CellTargets } from './targets'

/**
 * Training the box detector's head on cached feature maps: mini-batch Adam on the CenterNet loss (loss.ts), early
 * stopping on the validation images' mAP at IoU 0.5 with patience, the best epoch's weights restored. What is
 * validated and kept is an exponential moving average of the weights over the last hundred or so updates (as YOLO
 * trainers do): with a few hundred pictures, single updates swing the validation mAP by ±0.05 from one epoch to the
 * next, and the average is both steadier and better than the weights it averages. Runs in the
 * training worker; the products go through `products` (TensorFlow.js wasm there).
 */

/** One picture (in one flip) and its boxes, in the same flip. */
export interface DetectorSample {
  maps: DetectionMaps
  boxes: LabelledBox[]
}

export interface DetectorTrainConfig {
  maxEpochs: number
  /** Epochs without a better validation mAP50 before stopping. */
  patience: number
  learningRate: number
  /** Pictures per update, at most: fewer when the training set is small (see MIN_UPDATES_PER_EPOCH). */
  batchSize: number
  /** Units of the head's hidden layer. */
  hidden: number
  /** Share of hidden units dropped at each cell while training. */
  dropout: number
  /** L2 penalty on kernels. */
  l2: number
  seed: number
  /**
   * Where precision and recall are counted during training; the outcome's threshold is measured on the validation
   * pictures (bestF1Threshold), this one standing in when there is nothing to measure it on.
   */
  scoreThreshold: number
}

export const DEFAULT_DETECTOR_CONFIG: DetectorTrainConfig = {
  maxEpochs: 60,
  patience: 8,
  learningRate: 0.002,
  batchSize: 16,
  hidden: 64,
  dropout: 0.2,
  l2: 0.0001,
  seed: 42,
  scoreThreshold: 0.3,
}

export interface DetectorEpochReport {
  epoch: number
  trainLoss: number
  valLoss: number
  valMAP50: number
  /** Seconds since training started. */
  elapsed: number
}

export type DetectorStopReason = 'early-stopping' | 'max-epochs' | 'cancelled'

export interface DetectorTrainOutcome {
  head: DetectionHead
  /** 1-based epoch whose weights were kept; 0 if cancelled before the first epoch ended. */
  bestEpoch: number
  epochs: DetectorEpochReport[]
  stoppedBy: DetectorStopReason
  /** The kept weights' best-F1 score on the validation pictures: the version's default for suggestions. */
  scoreThreshold: number
  /** On the validation pictures, with the kept weights; precision, recall and each image's errors at `scoreThreshold`. */
  evaluation: DetectionEvaluation
  /** Each validation picture's boxes with the kept weights, down to MIN_EVALUATION_SCORE. */
  validationDetections: DetectedBox[][]
  seconds: number
}

export interface DetectorTrainHooks {
  onEpoch?(report: DetectorEpochReport): void
  /** Polled between batches. */
  cancelled?(): boolean
}

/**
 * A few dozen pictures in batches of 16 would make two or three updates an epoch, too few for an epoch's validation to
 * mean anything before patience runs out: batches shrink (down to 2 pictures) until an epoch makes at least this many.
 */
export const MIN_UPDATES_PER_EPOCH = 12

/** Scores kept when measuring mAP: low enough that the precision-recall curve reaches far into recall. */
export const MIN_EVALUATION_SCORE = 0.01
/** Boxes kept per picture, best first (COCO's limit). */
export const MAX_BOXES = 100
/** Boxes of one class overlapping more than this are one finding: the better one is kept. */
export const SUPPRESSION_IOU = 0.5

export function trainDetector(
  input: { shape: DetectionInputShape; classes: number; train: readonly DetectorSample[]; validation: readonly DetectorSample[]; config: DetectorTrainConfig },
  products: Products,
  hooks: DetectorTrainHooks = {},
): DetectorTrainOutcome {
  const started = performance.now()
  const { shape, classes, train, validation, config } = input
  const random = new Random(config.seed)
  const head = initialHead({ ...shape, classes, hidden: config.hidden }, random)
  const trainTargets = train.map((sample) => cellTargets(sample.boxes, classes, shape.gridHeight, shape.gridWidth))
  const validationTargets = validation.map((sample) => cellTargets(sample.boxes, classes, shape.gridHeight, shape.gridWidth))
  const weights = classWeights(train, classes)
  const adam = new Adam(HEAD_TENSORS.map((tensor) => head[tensor]))
  const decay = HEAD_TENSORS.map((tensor) => (tensor.endsWith('Kernel') ? config.l2 : 0))

  const average = cloneHead(head)
  let updates = 0
  let best = cloneHead(head)
  let bestMap = -1
  let bestLoss = Number.POSITIVE_INFINITY
  let bestEpoch = 0
  let stale = 0
  let stoppedBy: DetectorStopReason = 'max-epochs'
  const epochs: DetectorEpochReport[] = []
  const order = Int32Array.from(train, (_, index) => index)
  const batchSize = Math.max(2, Math.min(config.batchSize, Math.floor(train.length / MIN_UPDATES_PER_EPOCH)))
  training: for (let epoch = 1; epoch <= config.maxEpochs; epoch++) {
    random.shuffle(order)
    let lossSum = 0
    for (let start = 0; start < order.length; start += batchSize) {
      if (hooks.cancelled?.()) {
        stoppedBy = 'cancelled'
        break training
      }
      const members = Array.from(order.subarray(start, start + batchSize))
      const batch = stackMaps(members.map((index) => train[index]!.maps), head)
      const pass = headForward(head, batch, products, config.dropout > 0 ? { rate: config.dropout, random } : undefined)
      const gradient = new Float32Array(pass.out.length)
      const boxes = members.reduce((sum, index) => sum + trainTargets[index]!.boxes, 0)
      const cellOutputs = head.gridHeight * head.gridWidth * outputCount(head)
      members.forEach((index, position) => {
        lossSum += pictureLoss(pass.out, position * cellOutputs, trainTargets[index]!, classes, weights, boxes, gradient) * members.length
      })
      adam.apply(headBackward(head, batch, pass, gradient, products), decay, config.learningRate)
      updateAverage(average, head, ++updates)
    }
    const measured = measure(average, validation, validationTargets, weights, products, config.scoreThreshold)
    const report: DetectorEpochReport = {
      epoch,
      trainLoss: lossSum / Math.max(1, train.length),
      valLoss: measured.loss,
      valMAP50: measured.evaluation.map50 ?? 0,
      elapsed: (performance.now() - started) / 1000,
    }
    epochs.push(report)
    hooks.onEpoch?.(report)
    // Equal mAP (on a handful of validation pictures, often 0 for the first epochs) goes to the lower validation
    // loss, so a run whose mAP has not moved yet still keeps the weights that learnt most rather than the first.
    const better = report.valMAP50 > bestMap || (report.valMAP50 === bestMap && report.valLoss < bestLoss)
    if (better) {
      bestMap = report.valMAP50
      bestLoss = report.valLoss
      bestEpoch = epoch
      best = cloneHead(average)
      stale = 0
    } else if (++stale >= config.patience) {
      stoppedBy = 'early-stopping'
      break
    }
  }
  const kept = bestEpoch > 0 ? best : average
  const final = measure(kept, validation, validationTargets, weights, products, config.scoreThreshold)
  const judged = validation.map((sample, index) => ({ truth: sample.boxes, detections: final.detections[index]! }))
  const scoreThreshold = bestF1Threshold(judged, classes, config.scoreThreshold)
  return {
    head: kept,
    bestEpoch,
    epochs,
    stoppedBy,
    scoreThreshold,
    evaluation: evaluateDetections(judged, classes, { scoreThreshold }),
    validationDetections: final.detections,
    seconds: (performance.now() - started) / 1000,
  }
}

/** How much of the average the next update leaves: ramping up to 0.99, so the first updates are not outweighed by the initial weights. */
function updateAverage(average: DetectionHead, head: DetectionHead, updates: number): void {
  const keep = Math.min(0.99, (1 + updates) / (10 + updates))
  for (const tensor of HEAD_TENSORS) {
    const into = average[tensor]
    const from = head[tensor]
    for (let i = 0; i < into.length; i++) into[i] = keep * into[i]! + (1 - keep) * from[i]!
  }
}

/** Each picture's boxes scoring at least `threshold`, best first, after suppression. */
export function detectWithHead(head: DetectionHead, maps: readonly DetectionMaps[], threshold: number, products: Products): DetectedBox[][] {
  return runHead(head, maps, products, (out, offset) => found(out, offset, head, threshold))
}

function found(out: Float32Array, offset: number, head: DetectionHead, threshold: number): DetectedBox[] {
  return nonMaximumSuppression(decodePicture(out, offset, head, threshold, MAX_BOXES), { iouThreshold: SUPPRESSION_IOU, maxBoxes: MAX_BOXES, perClass: true })
}

/** Pictures at a time through the head when only detecting: bounded memory for any number of pictures. */
const INFERENCE_BATCH = 32

function runHead<T>(head: DetectionHead, maps: readonly DetectionMaps[], products: Products, read: (out: Float32Array, offset: number, index: number) => T): T[] {
  const results: T[] = []
  const cellOutputs = head.gridHeight * head.gridWidth * outputCount(head)
  for (let start = 0; start < maps.length; start += INFERENCE_BATCH) {
    const slice = maps.slice(start, start + INFERENCE_BATCH)
    const out = headForward(head, stackMaps(slice, head), products).out
    if (slice.every((picture) => picture.mirrored)) {
      averageMirrored(out, headForward(head, stackMaps(slice.map((picture) => picture.mirrored!), head), products).out, slice.length, head)
    }
    slice.forEach((_, position) => results.push(read(out, position * cellOutputs, start + position)))
  }
  return results
}

/**
 * Averages `out` with the outputs on the mirrored pictures, mirrored back: a column c of the mirror is column
 * width − 1 − c here, and a centre at offset dx from its cell's left edge there is at 1 − dx here; heat maps and sizes
 * do not change under mirroring.
 */
function averageMirrored(out: Float32Array, mirrored: Float32Array, pictures: number, head: DetectionHead): void {
  const outputs = outputCount(head)
  const width = head.gridWidth
  const cells = head.gridHeight * width
  for (let picture = 0; picture < pictures; picture++) {
    for (let row = 0; row < head.gridHeight; row++) {
      for (let column = 0; column < width; column++) {
        const here = (picture * cells + row * width + column) * outputs
        const there = (picture * cells + row * width + (width - 1 - column)) * outputs
        for (let o = 0; o < outputs; o++) {
          const value = o === head.classes ? 1 - mirrored[there + o]! : mirrored[there + o]!
          out[here + o] = (out[here + o]! + value) / 2
        }
      }
    }
  }
}

function measure(
  head: DetectionHead,
  samples: readonly DetectorSample[],
  targets: readonly CellTargets[],
  weights: Float32Array,
  products: Products,
  scoreThreshold: number,
): { loss: number; evaluation: DetectionEvaluation; detections: DetectedBox[][] } {
  let loss = 0
  const detections = runHead(head, samples.map((sample) => sample.maps), products, (out, offset, index) => {
    loss += pictureLoss(out, offset, targets[index]!, head.classes, weights, targets[index]!.boxes, null)
    return found(out, offset, head, MIN_EVALUATION_SCORE)
  })
  const evaluation = evaluateDetections(
    samples.map((sample, index) => ({ truth: sample.boxes, detections: detections[index]! })),
    head.classes,
    { scoreThreshold },
  )
  return { loss: loss / Math.max(1, samples.length), evaluation, detections }
}

/** The pictures' maps as one batch: rows stacked, pictures in order. */
function stackMaps(maps: readonly DetectionMaps[], head: DetectionHead): HeadBatch {
  const fineSize = head.gridHeight * head.gridWidth * head.fineChannels
  const coarse = coarseGrid(head)
  const coarseSize = coarse.height * coarse.width * head.coarseChannels
  const fine = new Float32Array(maps.length * fineSize)
  const coarseMaps = new Float32Array(maps.length * coarseSize)
  const global = new Float32Array(maps.length * head.globalChannels)
  maps.forEach((picture, index) => {
    fromHalf(picture.fine, fine, index * fineSize)
    fromHalf(picture.coarse, coarseMaps, index * coarseSize)
    global.set(picture.global, index * head.globalChannels)
  })
  return { n: maps.length, fine, coarse: coarseMaps, global }
}

/** Balanced by boxes: a class with fewer boxes weighs more, the weights averaging 1 over the classes present. */
function classWeights(samples: readonly DetectorSample[], classes: number): Float32Array {
  const counts = new Float64Array(classes)
  for (const sample of samples) for (const box of sample.boxes) if (!box.crowd) counts[box.classIndex]! += 1
  const present = counts.filter((count) => count > 0).length
  const total = counts.reduce((sum, count) => sum + count, 0)
  return Float32Array.from(counts, (count) => (count > 0 ? total / (present * count) : 1))
}
