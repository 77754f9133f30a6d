import { z } from 'zod'
import { ImageSummary, LABEL_ERROR_MIN_CONFIDENCE } from './catalog'
import { ImageId } from './common'
import { LabelName } from './labels'

/** Classifier heads on the embeddings, their versions, predictions, and detector box suggestions. */

export const TRAINING_SAMPLES = ['images', 'boxes'] as const

/**
 * Where an image sample's class comes from: 'tags', the image's one class tag; 'boxes', the class all its boxes share
 * (images whose boxes disagree are left out); 'tags-then-boxes', its tag where it has one, else its boxes' class. The
 * default takes both, so a catalogue imported with boxes (COCO, VOC) trains without tagging every image again.
 */
export const LABEL_SOURCES = ['tags', 'boxes', 'tags-then-boxes'] as const
export const LabelSource = z.enum(LABEL_SOURCES)
export type LabelSource = z.infer<typeof LabelSource>
export const DEFAULT_LABEL_SOURCE: LabelSource = 'tags-then-boxes'

export const TrainRequest = z
  .object({
    /** 'images': one sample per image, its class the image's tag; 'boxes': one sample per box, on the box's crop. */
    samples: z.enum(TRAINING_SAMPLES).default('images'),
    /** For image samples: where each image's class comes from. */
    labels: LabelSource.default(DEFAULT_LABEL_SOURCE),
    /** Only these classes (default: every label used as an image tag, or on boxes). */
    classes: z.array(LabelName).min(2).max(1000).optional(),
    maxEpochs: z.number().int().min(1).max(1000).default(100),
    /** Epochs without a better validation loss before training stops (and keeps the best epoch's weights). */
    patience: z.number().int().min(1).max(100).default(5),
    /** Units of the hidden ReLU layer; 0 trains a linear softmax classifier. */
    hiddenUnits: z.number().int().min(0).max(2048).default(128),
    validationFraction: z.number().min(0.05).max(0.5).default(0.2),
    learningRate: z.number().positive().max(1).default(0.001),
    batchSize: z.number().int().min(1).max(4096).default(64),
    dropout: z.number().min(0).max(0.9).default(0.2),
    /** Same seed, same data: same split, same weights. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  })
  .strict()
export type TrainRequest = z.input<typeof TrainRequest>
export type TrainOptions = z.output<typeof TrainRequest>

export const EpochMetrics = z.object({
  epoch: z.number().int(),
  trainLoss: z.number(),
  trainAccuracy: z.number(),
  valLoss: z.number(),
  valAccuracy: z.number(),
  /** Seconds since training started. */
  elapsed: z.number(),
})
export type EpochMetrics = z.infer<typeof EpochMetrics>

export const ClassMetrics = z.object({
  label: z.string(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  /** Validation samples of this class. */
  support: z.number().int(),
})
export type ClassMetrics = z.infer<typeof ClassMetrics>

export const ClassifierMetrics = z.object({
  accuracy: z.number(),
  perClass: z.array(ClassMetrics),
  /** counts[true][predicted] and the image ids in each cell, in `labels` order. */
  confusion: z.object({
    labels: z.array(z.string()),
    counts: z.array(z.array(z.number().int())),
    imageIds: z.array(z.array(z.array(ImageId))),
  }),
})
export type ClassifierMetrics = z.infer<typeof ClassifierMetrics>

export const STOP_REASONS = ['early-stopping', 'max-epochs', 'cancelled', 'imported'] as const

export const ClassifierSummary = z.object({
  id: z.number().int(),
  /** "classifier-<id>", how the CLI names it. */
  name: z.string(),
  createdAt: z.string(),
  origin: z.enum(['trained', 'imported']),
  /** The embedding model whose vectors it classifies. */
  backbone: z.string(),
  samples: z.enum(TRAINING_SAMPLES),
  /** Where its image samples' classes came from; null for box classifiers and versions trained before the choice. */
  labels: LabelSource.nullable(),
  classes: z.array(z.string()),
  trainCount: z.number().int(),
  valCount: z.number().int(),
  epochs: z.number().int(),
  bestEpoch: z.number().int(),
  stoppedBy: z.enum(STOP_REASONS),
  valAccuracy: z.number().nullable(),
  seconds: z.number(),
  active: z.boolean(),
})
export type ClassifierSummary = z.infer<typeof ClassifierSummary>

export const ClassifierDetail = ClassifierSummary.extend({
  options: z.record(z.string(), z.unknown()),
  /** Samples per class on each side of the split. */
  counts: z.record(z.string(), z.object({ train: z.number().int(), val: z.number().int() })),
  metrics: ClassifierMetrics.nullable(),
  curves: z.array(EpochMetrics),
})
export type ClassifierDetail = z.infer<typeof ClassifierDetail>

export const TrainResult = z.object({
  model: z.string(),
  versionId: z.number().int(),
  /** Where the image samples' classes came from (null for box samples, and runs from before the choice). */
  labels: LabelSource.nullable().default(null),
  epochs: z.number().int(),
  bestEpoch: z.number().int(),
  stoppedBy: z.enum(STOP_REASONS),
  trainCount: z.number().int(),
  valCount: z.number().int(),
  valAccuracy: z.number(),
  perClass: z.record(z.string(), ClassMetrics.omit({ label: true })),
  seconds: z.number(),
  /** Catalogue images given a prediction afterwards. */
  predicted: z.number().int(),
  backend: z.string(),
})
export type TrainResult = z.infer<typeof TrainResult>

/** What `training.status` judges: the image samples under this label source (default: the one training defaults to). */
export const TrainingStatusRequest = z.object({ labels: LabelSource.optional() }).strict()

/** Whether training can start now, and if not, why (the same reasons `training.start` refuses with). */
export const TrainingReadiness = z.object({
  ready: z.boolean(),
  /** Why not, in an English sentence (the CLI's); a window says it from the code and the counts. */
  problem: z.string().nullable(),
  problemCode: z.enum(['no-labels', 'one-class', 'too-few']).nullable(),
  /** The samples judged: whole images, or box crops. */
  samples: z.enum(TRAINING_SAMPLES),
  /** The labelled samples each class needs. */
  minimumPerClass: z.number().int(),
  /** The label source these counts follow. */
  labels: LabelSource,
  /** Usable samples per class (labelled, one class each). */
  counts: z.record(z.string(), z.number().int()),
  /** How many of the samples took their class from an image tag, and how many from the image's boxes. */
  from: z.object({ tags: z.number().int(), boxes: z.number().int() }),
  /**
   * Samples left out, by reason: several class tags, boxes of different classes, in a class with too few samples to
   * train (training is refused while there are any; the problem names them), not yet embedded (embedded at Start).
   */
  excluded: z.object({
    severalClasses: z.number().int(),
    mixedBoxClasses: z.number().int(),
    tooFew: z.number().int(),
    notIndexed: z.number().int(),
  }),
})
export type TrainingReadiness = z.infer<typeof TrainingReadiness>

export const TrainingStatus = z.object({
  active: ClassifierSummary.nullable(),
  versions: z.number().int(),
  /** Images with a prediction from the active classifier, and indexed images still without one. */
  predicted: z.number().int(),
  unpredicted: z.number().int(),
  readiness: TrainingReadiness,
  detector: z.object({ available: z.boolean(), name: z.string(), problem: z.string().nullable() }),
})
export type TrainingStatus = z.infer<typeof TrainingStatus>

export const VersionRef = z.object({ id: z.number().int().positive() }).strict()

export const ExportClassifierRequest = z.object({ id: z.number().int().positive(), dir: z.string().min(1) }).strict()
export const ExportClassifierResult = z.object({ dir: z.string(), files: z.array(z.string()) })
/** The folder of an exported version (model.json, weights.bin, loupe-classifier.json). */
export const ImportClassifierRequest = z.object({ dir: z.string().min(1) }).strict()

export const Prediction = z.object({ label: z.string(), confidence: z.number(), margin: z.number() })
export type Prediction = z.infer<typeof Prediction>

export const PredictRequest = z
  .object({
    /** Files to classify; those outside the catalogue are embedded on the fly and not added. */
    paths: z.array(z.string().min(1)).min(1).max(10_000).optional(),
    /** Catalogue images (default with no paths: every indexed image). */
    imageIds: z.array(ImageId).max(100_000).optional(),
  })
  .strict()
export const PredictedItem = Prediction.extend({ path: z.string(), imageId: ImageId.nullable() })
export type PredictedItem = z.infer<typeof PredictedItem>

export const AcceptPredictionsRequest = z.object({ imageIds: z.array(ImageId).min(1).max(100_000) }).strict()

export const LabelNextRequest = z
  .object({
    limit: z.number().int().min(1).max(1000).default(50),
    /** 'least-confidence': 1 - p(top); 'margin': 1 - (p(top) - p(second)). */
    strategy: z.enum(['least-confidence', 'margin']).default('margin'),
    /** How strongly similarity to images already in the queue pushes an image back (0: pure uncertainty). */
    diversity: z.number().min(0).max(1).default(0.5),
  })
  .strict()
export type LabelNextRequest = z.input<typeof LabelNextRequest>

export const QueueItem = ImageSummary.extend({
  path: z.string(),
  predicted: Prediction,
  /** Uncertainty of the prediction (0 to 1). */
  uncertainty: z.number(),
  /** Highest cosine similarity to an image earlier in the queue. */
  similarity: z.number(),
})
export type QueueItem = z.infer<typeof QueueItem>

export const LabelErrorsRequest = z
  .object({
    /** Only predictions at least this confident count as disagreeing. */
    minConfidence: z.number().min(0).max(1).default(LABEL_ERROR_MIN_CONFIDENCE),
    limit: z.number().int().min(1).max(10_000).default(200),
  })
  .strict()
export const LabelErrorItem = ImageSummary.extend({ path: z.string(), predicted: Prediction })
export type LabelErrorItem = z.infer<typeof LabelErrorItem>

export const EpochEvent = EpochMetrics.extend({ jobId: z.number().int(), maxEpochs: z.number().int(), bestEpoch: z.number().int() })
export type EpochEvent = z.infer<typeof EpochEvent>

export const CurvesRequest = z.object({ jobId: z.number().int().positive() }).strict()

export const PrelabelRequest = z
  .object({
    /** Images to run the detector on (default: every image without boxes). */
    imageIds: z.array(ImageId).min(1).max(100_000).optional(),
    /** Smallest detector score kept as a suggestion. */
    threshold: z.number().min(0.05).max(1).default(0.3),
  })
  .strict()
export type PrelabelRequest = z.input<typeof PrelabelRequest>

export const PrelabelImageRequest = z
  .object({ imageId: ImageId, threshold: z.number().min(0.05).max(1).default(0.3) })
  .strict()

export const PrelabelResult = z.object({
  images: z.number().int(),
  suggestions: z.number().int(),
  byLabel: z.record(z.string(), z.number().int()),
  skipped: z.number().int(),
  detector: z.string(),
  backend: z.string(),
  imagesPerSecond: z.number(),
})
export type PrelabelResult = z.infer<typeof PrelabelResult>

export const BoxSuggestion = z.object({
  id: z.number().int(),
  imageId: ImageId,
  /** COCO class name from the detector. */
  label: z.string(),
  score: z.number(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
  state: z.enum(['pending', 'accepted', 'rejected']),
  /** The box it became, once accepted. */
  boxId: z.number().int().nullable(),
})
export type BoxSuggestion = z.infer<typeof BoxSuggestion>

export const SuggestionsRequest = z
  .object({ imageId: ImageId, includeDecided: z.boolean().default(false), minScore: z.number().min(0).max(1).default(0) })
  .strict()
export const DecideSuggestionsRequest = z
  .object({
    imageId: ImageId,
    suggestionIds: z.array(z.number().int().positive()).min(1).max(1000),
    /** Accept as this class instead of the detector's (e.g. the project's own name for "person"). */
    label: LabelName.optional(),
  })
  .strict()

/** The 'training.changed' event: classifier versions, predictions or box suggestions changed. */
export const TrainingChanged = z.object({ reason: z.enum(['versions', 'predictions', 'suggestions']) })
