import { z } from 'zod'
import { ImageId, ReviewStatus } from './common'
import { LabelName } from './labels'

export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'tiff', 'bmp', 'gif', 'dicom'] as const
export const ImageFormat = z.enum(IMAGE_FORMATS)
export type ImageFormat = z.infer<typeof ImageFormat>

export const ImageSummary = z.object({
  id: ImageId,
  fileName: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  status: ReviewStatus,
  labels: z.array(z.string()),
  missing: z.boolean(),
  /** DICOM images open in the reader, the others in the annotation workspace. */
  format: ImageFormat,
  /** The active classifier's prediction, where there is one (library pages fill it in; other replies may leave it out). */
  prediction: z.object({ label: z.string(), confidence: z.number() }).nullable().optional(),
  /** The image's score under the workspace's newest anomaly model, where it has one (library pages fill it in). */
  anomaly: z.object({ score: z.number(), anomalous: z.boolean() }).nullable().optional(),
})
export type ImageSummary = z.infer<typeof ImageSummary>

export const ImageDetail = ImageSummary.extend({
  path: z.string(),
  /** Which frame of the file this image is: 0 except for the later frames of multi-frame DICOM files. */
  frame: z.number().int(),
  contentHash: z.string(),
  bytes: z.number().int(),
  orientation: z.number().int(),
  addedAt: z.string(),
  boxCount: z.number().int(),
})
export type ImageDetail = z.infer<typeof ImageDetail>

export const IMAGE_SORTS = ['added', 'name', 'size'] as const
export const ImageSort = z.enum(IMAGE_SORTS)
export type ImageSort = z.infer<typeof ImageSort>

/**
 * What the library can sort by: the image sorts, 'confidence', the active classifier's confidence in its
 * prediction (images without one sort before all others), and 'anomaly', the score under the workspace's newest
 * anomaly model (unscored images sort before all others), and 'detection', the best score of the active box detector's
 * stored boxes (of the filter's `detected.label` class, when given; images without one sort before all others). Kept
 * apart from ImageSort so that views keyed by ImageSort still cover every case; a view that offers 'confidence' uses this.
 */
export const LIST_SORTS = [...IMAGE_SORTS, 'confidence', 'anomaly', 'detection'] as const
export const ListSort = z.enum(LIST_SORTS)
export type ListSort = z.infer<typeof ListSort>

export const PREDICTION_QUEUES = ['labelNext', 'labelErrors'] as const
export type PredictionQueue = (typeof PREDICTION_QUEUES)[number]
/** How sure a prediction must be to count as disagreeing with an image's label ('labelErrors'). */
export const LABEL_ERROR_MIN_CONFIDENCE = 0.8

/**
 * Which images a library page (or a similarity search) covers. Its label names look up existing labels, so they are
 * not held to the rules of LabelName: a label named before those rules must stay findable.
 */
export const ImageFilter = z
  .object({
    /** Only images carrying this label; `null` means images with no label at all. */
    label: z.string().min(1).nullable().optional(),
    status: ReviewStatus.optional(),
    /** Only images the active classifier predicts as this label. */
    predictedLabel: z.string().min(1).optional(),
    /** Only images with a prediction at least / at most this confident (0 to 1). */
    minConfidence: z.number().min(0).max(1).optional(),
    maxConfidence: z.number().min(0).max(1).optional(),
    /**
     * One of the active classifier's work queues, which also sets the order (`sort` and `descending` are ignored):
     * 'labelNext', unlabelled images (no tag, no box) most uncertain first with near-identical ones kept apart, as
     * `training.labelNext` orders them; 'labelErrors', tagged images whose confident prediction is another class of
     * the classifier, most confident first, as `training.labelErrors` finds them.
     */
    queue: z.enum(PREDICTION_QUEUES).optional(),
    /** Only images the workspace's newest anomaly model scores at or above its threshold. */
    anomalous: z.literal(true).optional(),
    /**
     * Only images where the active box detector found a box (of `label`, when given) scoring at or above its threshold,
     * in what the last 'detect' job stored for the image's current file.
     */
    detected: z.object({ label: z.string().min(1).optional() }).strict().optional(),
    /**
     * Only the DICOM images (frames) of this series (its Series Instance UID), listed in instance number and frame
     * order: `sort` only breaks ties, `descending` reverses the series.
     */
    dicomSeries: z.string().min(1).max(1024).optional(),
    /** Only images whose file name contains this text, ignoring case (of ASCII letters); `%` and `_` are plain characters. */
    fileName: z.string().min(1).max(500).optional(),
    /** Only these images. */
    imageIds: z.array(ImageId).min(1).max(1_000_000).optional(),
  })
  .strict()
export type ImageFilter = z.infer<typeof ImageFilter>

export const ListImagesRequest = z
  .object({
    filter: ImageFilter.default({}),
    sort: ListSort.default('added'),
    descending: z.boolean().default(false),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict()
export type ListImagesRequest = z.input<typeof ListImagesRequest>

export const ImagePage = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  items: z.array(ImageSummary),
})
export type ImagePage = z.infer<typeof ImagePage>

export const GetImageRequest = z.object({ id: ImageId }).strict()

export const CatalogStats = z.object({
  images: z.number().int(),
  labelled: z.number().int(),
  byLabel: z.record(z.string(), z.number().int()),
  byStatus: z.record(ReviewStatus, z.number().int()),
  boxes: z.number().int(),
  /** Of the boxes, those with a polygon shape and those with a mask. */
  polygons: z.number().int(),
  masks: z.number().int(),
  missing: z.number().int(),
  /** The active classifier's predictions, counted for the library's Model section; null without an active image classifier. */
  predictions: z
    .object({
      classifier: z.string(),
      /** Images with a prediction. */
      predicted: z.number().int(),
      /** Images in each queue (see ImageFilter.queue). */
      labelNext: z.number().int(),
      labelErrors: z.number().int(),
      /** Images predicted as each class of the classifier (every class, 0 included). */
      byLabel: z.record(z.string(), z.number().int()),
    })
    .nullable(),
  /** The workspace's newest anomaly model and how many images it finds anomalous; null without an anomaly model. */
  anomaly: z.object({ model: z.string(), anomalous: z.number().int() }).nullable(),
})
export type CatalogStats = z.infer<typeof CatalogStats>

export const LabelImagesRequest = z
  .object({
    imageIds: z.array(ImageId).min(1).max(100_000),
    label: LabelName,
  })
  .strict()

export const SetStatusRequest = z
  .object({
    imageIds: z.array(ImageId).min(1).max(100_000),
    status: ReviewStatus,
  })
  .strict()

export const RemoveImagesRequest = z.object({ imageIds: z.array(ImageId).min(1).max(100_000) }).strict()
export const RemoveImagesResult = z.object({ removed: z.number().int() })

/** The 'catalog.changed' event: what kind of change, so views can tell whether to refetch. */
export const CatalogChanged = z.object({ reason: z.enum(['import', 'labels', 'status', 'annotations', 'removed']) })
