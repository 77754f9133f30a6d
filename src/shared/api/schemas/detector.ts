import { z } from 'zod'
import { ImageId } from './common'
import { LabelName } from './labels'

/**
 * Box detectors trained on the workspace's own boxes: a head on the frozen backbone's feature maps, its versions, their
 * evaluation, and the boxes they find. Boxes are in pixels of the original picture, top-left origin.
 */

export const DetectorTrainRequest = z
  .object({
    maxEpochs: z.number().int().min(1).max(500).default(60),
    /** Epochs without a better validation mAP50 before stopping (the best epoch's weights are kept). */
    patience: z.number().int().min(1).max(100).default(8),
    /** Share of each class's images held out to validate on; images, not boxes, are split. */
    validationFraction: z.number().min(0.05).max(0.5).default(0.2),
    learningRate: z.number().positive().max(1).default(0.002),
    /** Mirror images left-right and up-down as extra training samples (with their boxes). */
    flips: z.boolean().default(true),
    /** Also learn from a zoomed-in crop of each training image (scale jitter), its boxes cut to the crop. */
    zoom: z.boolean().default(true),
    seed: z.number().int().default(42),
    /** Train on these classes only; default every box class with boxes. */
    classes: z.array(LabelName).max(1000).optional(),
  })
  .strict()
export type DetectorTrainRequest = z.infer<typeof DetectorTrainRequest>

/** One epoch of a detector training run: loss on both sides and the validation mAP at IoU 0.5. */
export const DetectorEpoch = z.object({
  epoch: z.number().int(),
  trainLoss: z.number(),
  valLoss: z.number(),
  valMAP50: z.number(),
  /** Seconds since training started. */
  elapsed: z.number(),
})
export type DetectorEpoch = z.infer<typeof DetectorEpoch>

export const DetectorEpochEvent = DetectorEpoch.extend({ jobId: z.number().int(), maxEpochs: z.number().int() })
export type DetectorEpochEvent = z.infer<typeof DetectorEpochEvent>

/** What `loupe detector train --json` prints (the 'detector-train' job's result). */
export const DetectorTrainResult = z.object({
  /** "detector-<id>". */
  model: z.string(),
  versionId: z.number().int(),
  epochs: z.number().int(),
  bestEpoch: z.number().int(),
  stoppedBy: z.enum(['early-stopping', 'max-epochs', 'cancelled']),
  trainImages: z.number().int(),
  valImages: z.number().int(),
  valMAP50: z.number(),
  valMAP5095: z.number(),
  /** AP at IoU 0.5 per class on the validation images; null for a class with no validation box. */
  perClass: z.record(z.string(), z.number().nullable()),
  backend: z.string(),
  seconds: z.number(),
})
export type DetectorTrainResult = z.infer<typeof DetectorTrainResult>

/** The 'detect' job's result: how many images it looked at and found boxes on. */
export const DetectAllResult = z.object({
  versionId: z.number().int(),
  images: z.number().int(),
  /** Images with at least one box at the version's threshold. */
  found: z.number().int(),
  /** Images that could not be read: left as they were. */
  unreadable: z.number().int(),
})
export type DetectAllResult = z.infer<typeof DetectAllResult>

export const DetectorClassEvaluation = z.object({
  label: z.string(),
  /** Validation boxes of this class. */
  boxes: z.number().int(),
  ap50: z.number().nullable(),
  ap5095: z.number().nullable(),
  /** At the version's score threshold and IoU 0.5. */
  precision: z.number(),
  recall: z.number(),
})
export type DetectorClassEvaluation = z.infer<typeof DetectorClassEvaluation>

/** A validation image the version does worst on: boxes it missed and boxes it found that are not there. */
export const DetectorImageEvaluation = z.object({
  imageId: ImageId,
  misses: z.number().int(),
  falsePositives: z.number().int(),
})
export type DetectorImageEvaluation = z.infer<typeof DetectorImageEvaluation>

export const DetectorEvaluation = z.object({
  map50: z.number(),
  map5095: z.number(),
  /** The score threshold precision and recall are counted at. */
  scoreThreshold: z.number(),
  perClass: z.array(DetectorClassEvaluation),
  /** Worst first. */
  worstImages: z.array(DetectorImageEvaluation),
})
export type DetectorEvaluation = z.infer<typeof DetectorEvaluation>

export const DetectorSummary = z.object({
  id: z.number().int(),
  /** "detector-<id>", how the CLI names it. */
  name: z.string(),
  createdAt: z.string(),
  origin: z.enum(['trained', 'imported']),
  /** The embedding model whose feature maps it reads. */
  backbone: z.string(),
  classes: z.array(z.string()),
  trainImages: z.number().int(),
  valImages: z.number().int(),
  epochs: z.number().int(),
  bestEpoch: z.number().int(),
  stoppedBy: z.enum(['early-stopping', 'max-epochs', 'cancelled']),
  valMAP50: z.number().nullable(),
  /** Boxes scoring at least this are shown as suggestions and count as found. */
  scoreThreshold: z.number(),
  /** The version that suggests boxes, fills the library's "found" filter and ranks the label-next queue. */
  active: z.boolean(),
})
export type DetectorSummary = z.infer<typeof DetectorSummary>

export const DetectorDetail = DetectorSummary.extend({
  options: z.record(z.string(), z.unknown()),
  evaluation: DetectorEvaluation.nullable(),
  curves: z.array(DetectorEpoch),
})
export type DetectorDetail = z.infer<typeof DetectorDetail>

export const DetectorStatus = z.object({
  /** The TensorFlow.js backend training runs on, e.g. "wasm". */
  backend: z.string().nullable(),
  /** The backbone whose feature maps the head would read. */
  backbone: z.string(),
  /** Box classes with their boxes and images. */
  classes: z.array(z.object({ label: z.string(), boxes: z.number().int(), images: z.number().int() })),
  canTrain: z.boolean(),
  /** Why training cannot start, in an English sentence; null when it can. A window says it from the counts. */
  problem: z.string().nullable(),
  /** What each class needs to train: this many boxes, on this many images. */
  minimumBoxes: z.number().int(),
  minimumImages: z.number().int(),
  active: DetectorSummary.nullable(),
})
export type DetectorStatus = z.infer<typeof DetectorStatus>

export const DetectorRef = z.object({ id: z.number().int().positive() }).strict()
export const DetectorCurvesRequest = z.object({ jobId: z.number().int().positive() }).strict()

export const DetectedBox = z.object({
  label: z.string(),
  score: z.number(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
})
export type DetectedBox = z.infer<typeof DetectedBox>

export const DetectRequest = z
  .object({
    /** Files (absolute paths); those outside the catalogue are read, not added. */
    paths: z.array(z.string().min(1)).max(100_000).optional(),
    /** Catalogue images; with neither, every catalogue image. */
    imageIds: z.array(ImageId).max(1_000_000).optional(),
    /** Smallest score returned; default the version's threshold. 0.05 gives the low-score boxes an mAP needs. */
    threshold: z.number().min(0).max(1).optional(),
    /** Default the active version. */
    versionId: z.number().int().positive().optional(),
  })
  .strict()
export type DetectRequest = z.infer<typeof DetectRequest>

export const DetectedImage = z.object({
  path: z.string(),
  /** null for a file outside the catalogue. */
  imageId: ImageId.nullable(),
  width: z.number().int(),
  height: z.number().int(),
  /** Best first. */
  boxes: z.array(DetectedBox),
})
export type DetectedImage = z.infer<typeof DetectedImage>

export const SuggestBoxesRequest = z
  .object({ imageId: ImageId, threshold: z.number().min(0).max(1).optional() })
  .strict()

export const ExportDetectorRequest = z.object({ id: z.number().int().positive(), dir: z.string().min(1) }).strict()
export const ExportDetectorResult = z.object({ dir: z.string(), files: z.array(z.string()) })
/** The folder of an exported version (loupe-detector.json and head.bin). */
export const ImportDetectorRequest = z.object({ dir: z.string().min(1) }).strict()

export const DetectorThresholdRequest = z.object({ id: z.number().int().positive(), threshold: z.number().min(0.01).max(1) }).strict()

/** Detector versions or stored detections changed: views showing them should refresh. */
export const DetectorChanged = z.object({ versionId: z.number().int().nullable() })
