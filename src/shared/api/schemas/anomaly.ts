import { z } from 'zod'
import { ImageId } from './common'
import { LabelName } from './labels'

/** Anomaly models (PatchCore memory banks learnt from good images), their versions, and anomaly scores. */

/** A model's name: one product or camera; fitting again under the same name adds a version. */
export const AnomalyModelName = z.string().trim().min(1).max(100)

export const AnomalyModelSummary = z.object({
  id: z.number().int(),
  name: AnomalyModelName,
  version: z.number().int().positive(),
  createdAt: z.string(),
  /**
   * The image models (backbones) whose features the banks hold: one, or two whose anomaly maps are averaged,
   * each divided by the spread of the held-out good images' scores from its backbone (the unit of scores and threshold).
   */
  backbones: z.array(z.string()).min(1),
  /** Good images learnt from: in the bank and held out to set the threshold. */
  goodImages: z.number().int(),
  heldOutImages: z.number().int(),
  /** Patch features kept in the memory bank. */
  patches: z.number().int(),
  threshold: z.number(),
  /** Share of the held-out good images at or above the threshold: the false alarms to expect. */
  falseAlarmRate: z.number(),
  /** Catalogue images with a score from this version. */
  scoredImages: z.number().int(),
  /** The version the library sorts, filters and badges by, and that scores when no name is given. */
  active: z.boolean(),
})
export type AnomalyModelSummary = z.infer<typeof AnomalyModelSummary>

export const AnomalyFitRequest = z
  .object({
    /** Default "default". */
    name: AnomalyModelName.optional(),
    /** Good images: the catalogue images with this label, */
    label: LabelName.optional(),
    /** or these catalogue images, */
    imageIds: z.array(ImageId).max(1_000_000).optional(),
    /** or these files (absolute paths), used without being added to the catalogue. */
    paths: z.array(z.string().min(1)).max(1_000_000).optional(),
    /**
     * An installed image model to learn with beside the one in use, or null for none. Default: the one measured to
     * help the model in use (MobileNetV2 beside V1 and the other way round) if it is installed. Used only when at
     * least 10 good images are held out (50 or more good images), as its scores are scaled by theirs.
     */
    secondModel: z.string().min(1).nullable().optional(),
  })
  .strict()
  .refine((request) => [request.label, request.imageIds, request.paths].filter((source) => source !== undefined).length === 1, {
    message: 'give exactly one of label, imageIds or paths',
  })
export type AnomalyFitRequest = z.infer<typeof AnomalyFitRequest>

export const AnomalyFitResult = z.object({
  modelId: z.number().int(),
  name: AnomalyModelName,
  version: z.number().int(),
  backbones: z.array(z.string()).min(1),
  goodImages: z.number().int(),
  patches: z.number().int(),
  threshold: z.number(),
  scoredImages: z.number().int(),
})
export type AnomalyFitResult = z.infer<typeof AnomalyFitResult>

export const AnomalyRegion = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number(), score: z.number() })

export const AnomalyScoreRequest = z
  .object({
    /** Default: the active version; with a name, the active version if it is of that name, else the name's newest. */
    name: AnomalyModelName.optional(),
    /** Files to score (absolute paths, not added); without them, every catalogue image's stored score. */
    paths: z.array(z.string().min(1)).max(100_000).optional(),
    /** Overrides the model's threshold for `anomalous` and the regions. */
    threshold: z.number().min(0).optional(),
  })
  .strict()
export type AnomalyScoreRequest = z.infer<typeof AnomalyScoreRequest>

export const AnomalyScore = z.object({
  path: z.string(),
  /** The catalogue image, so a result can be opened, selected and labelled; null for a file outside the catalogue. */
  imageId: ImageId.nullable(),
  score: z.number(),
  anomalous: z.boolean(),
  /** Hot regions, highest first, in pixels of the original picture. */
  regions: z.array(AnomalyRegion),
})
export type AnomalyScore = z.infer<typeof AnomalyScore>

export const AnomalyModelRef = z.object({ id: z.number().int() }).strict()

/** Anomaly models or scores changed: views showing them should refresh. */
export const AnomalyChanged = z.object({ modelId: z.number().int().nullable() })

/** A threshold for one version: images scoring at or above it are anomalous. */
export const AnomalyThresholdRequest = z.object({ id: z.number().int(), threshold: z.number().min(0).max(1e6) }).strict()
export type AnomalyThresholdRequest = z.infer<typeof AnomalyThresholdRequest>

/** What a threshold would mean for a version, before it is saved. */
export const AnomalyThresholdPreview = z.object({
  threshold: z.number(),
  /** Share of the held-out good images at or above it. */
  falseAlarmRate: z.number(),
  /** Catalogue images this version scores at or above it, of `scoredImages`. */
  flagged: z.number().int(),
  scoredImages: z.number().int(),
  /** The highest score of a catalogue or held-out good image: where a slider can end. */
  highestScore: z.number(),
})
export type AnomalyThresholdPreview = z.infer<typeof AnomalyThresholdPreview>

export const AnomalyHeatmapRequest = z
  .object({
    imageId: ImageId,
    /** The anomaly model version; default: the version in use (see AnomalyStore.inUse). */
    modelId: z.number().int().optional(),
  })
  .strict()
export type AnomalyHeatmapRequest = z.infer<typeof AnomalyHeatmapRequest>

/**
 * One catalogue image's anomaly map, computed on demand. The grid covers the whole picture, stretched to it (the
 * model sees the picture squashed to its input size; see engines/anomaly/image-input.ts).
 */
export const AnomalyHeatmap = z.object({
  imageId: ImageId,
  modelId: z.number().int(),
  /** The picture's size, which regions are given in. */
  imageWidth: z.number().int().positive(),
  imageHeight: z.number().int().positive(),
  /** Cells across and down, each the highest map value it covers. */
  gridWidth: z.number().int().positive(),
  gridHeight: z.number().int().positive(),
  /** Base64 of gridWidth × gridHeight bytes, row by row: a cell's value as a multiple of the threshold is byte × scale. */
  levels: z.string(),
  /** Multiple of the threshold one byte step stands for: byte × scale ≥ 1 is at or above the threshold. */
  scale: z.number().positive(),
  /** In the model's distance units, like score. */
  threshold: z.number(),
  score: z.number(),
  anomalous: z.boolean(),
  /** Connected areas at or above the threshold, highest first, in pixels of the picture. */
  regions: z.array(AnomalyRegion),
})
export type AnomalyHeatmap = z.infer<typeof AnomalyHeatmap>

export const AnomalyEvaluateRequest = z
  .object({
    /** Default: the newest model version. */
    modelId: z.number().int().optional(),
    /** The label of the good images; default: the label the version learnt from, else "good". */
    goodLabel: LabelName.optional(),
    /** Where the confusion is counted; default: the version's own threshold. */
    threshold: z.number().min(0).optional(),
  })
  .strict()
export type AnomalyEvaluateRequest = z.infer<typeof AnomalyEvaluateRequest>

/** A catalogue image an evaluation points at, to open, select or label. */
export const EvaluatedImage = z.object({ imageId: ImageId, path: z.string(), score: z.number() })
export type EvaluatedImage = z.infer<typeof EvaluatedImage>

/**
 * How a model version's stored scores separate good from defective catalogue images. Good: images with the good label.
 * Defective: images with any other label or with at least one box, whatever their review status (a box is a person
 * pointing at something wrong). Left out: the version's memory-bank images (learnt from, so their scores are no test;
 * its held-out images count), images with no label and no box, images both good and defective (conflicting), and
 * images without a score under this version.
 */
export const AnomalyEvaluation = z.object({
  model: z.object({ id: z.number().int(), name: AnomalyModelName, version: z.number().int(), threshold: z.number() }),
  goodLabel: LabelName,
  /** The threshold the confusion is counted at. */
  threshold: z.number(),
  goodImages: z.number().int(),
  defectImages: z.number().int(),
  leftOut: z.object({ bank: z.number().int(), unlabelled: z.number().int(), conflicting: z.number().int(), unscored: z.number().int() }),
  /** Images carrying the good label and a defect's label or box: fix their labels to count them. */
  conflictingImageIds: z.array(ImageId),
  /** Null until there are good and defective images both. */
  auroc: z.number().nullable(),
  /** From the highest threshold to the lowest, at most 200 points. */
  roc: z.array(z.object({ falseAlarmRate: z.number(), detectionRate: z.number(), threshold: z.number() })),
  confusion: z.object({ truePositive: z.number().int(), falsePositive: z.number().int(), trueNegative: z.number().int(), falseNegative: z.number().int() }),
  /** Good images scoring highest (those at or above the threshold are false alarms), 12 at most. */
  worstFalseAlarms: z.array(EvaluatedImage),
  /** Defective images scoring lowest (those below the threshold are misses), 12 at most. */
  worstMisses: z.array(EvaluatedImage),
})
export type AnomalyEvaluation = z.infer<typeof AnomalyEvaluation>
