import { z } from 'zod'

/** Data shapes that cross the renderer↔main boundary. Requests are validated against these; replies are typed by them. */

export const ImageId = z.number().int().positive()

export const REVIEW_STATUSES = ['unlabelled', 'in_progress', 'labelled', 'reviewed', 'needs_fix'] as const
export const ReviewStatus = z.enum(REVIEW_STATUSES)
export type ReviewStatus = z.infer<typeof ReviewStatus>

export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'tiff', 'bmp', 'gif', 'dicom'] as const
export const ImageFormat = z.enum(IMAGE_FORMATS)
export type ImageFormat = z.infer<typeof ImageFormat>

export const Label = z.object({
  id: z.number().int(),
  name: z.string(),
  color: z.string(),
  hotkey: z.string().nullable(),
  imageCount: z.number().int(),
  boxCount: z.number().int(),
})
export type Label = z.infer<typeof Label>

export const ImageSummary = z.object({
  id: ImageId,
  fileName: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  status: ReviewStatus,
  labels: z.array(z.string()),
  missing: z.boolean(),
  /** The active classifier's prediction, where there is one (library pages fill it in; other replies may leave it out). */
  prediction: z.object({ label: z.string(), confidence: z.number() }).nullable().optional(),
})
export type ImageSummary = z.infer<typeof ImageSummary>

export const ImageDetail = ImageSummary.extend({
  path: z.string(),
  /** Which frame of the file this image is: 0 except for the later frames of multi-frame DICOM files. */
  frame: z.number().int(),
  contentHash: z.string(),
  bytes: z.number().int(),
  format: ImageFormat,
  orientation: z.number().int(),
  addedAt: z.string(),
  boxCount: z.number().int(),
})
export type ImageDetail = z.infer<typeof ImageDetail>

export const IMAGE_SORTS = ['added', 'name', 'size'] as const
export const ImageSort = z.enum(IMAGE_SORTS)
export type ImageSort = z.infer<typeof ImageSort>

/**
 * What the library can sort by: the image sorts, and 'confidence', the active classifier's confidence in its
 * prediction (images without one sort before all others). Kept apart from ImageSort so that views keyed by ImageSort
 * still cover every case; a view that offers 'confidence' uses this.
 */
export const LIST_SORTS = [...IMAGE_SORTS, 'confidence'] as const
export const ListSort = z.enum(LIST_SORTS)
export type ListSort = z.infer<typeof ListSort>

export const PREDICTION_QUEUES = ['labelNext', 'labelErrors'] as const
export type PredictionQueue = (typeof PREDICTION_QUEUES)[number]
/** How sure a prediction must be to count as disagreeing with an image's label ('labelErrors'). */
export const LABEL_ERROR_MIN_CONFIDENCE = 0.8

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
    /**
     * Only the DICOM images (frames) of this series (its Series Instance UID), listed in instance number and frame
     * order: `sort` only breaks ties, `descending` reverses the series.
     */
    dicomSeries: z.string().min(1).max(1024).optional(),
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

export const CatalogStats = z.object({
  images: z.number().int(),
  labelled: z.number().int(),
  byLabel: z.record(z.string(), z.number().int()),
  byStatus: z.record(ReviewStatus, z.number().int()),
  boxes: z.number().int(),
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
})
export type CatalogStats = z.infer<typeof CatalogStats>

export const LabelImagesRequest = z
  .object({
    imageIds: z.array(ImageId).min(1).max(100_000),
    label: z.string().trim().min(1).max(200),
  })
  .strict()

export const SetStatusRequest = z
  .object({
    imageIds: z.array(ImageId).min(1).max(100_000),
    status: ReviewStatus,
  })
  .strict()

export const ANNOTATION_FORMATS = ['coco', 'yolo', 'voc', 'folders'] as const
export const AnnotationFormat = z.enum(ANNOTATION_FORMATS)
export type AnnotationFormat = z.infer<typeof AnnotationFormat>

export const AnnotationSource = z
  .object({
    format: AnnotationFormat,
    /** The COCO JSON file, or the YOLO labels / VOC annotations / class folders; defaults to the imported folder. */
    path: z.string().min(1).optional(),
    /** Class names in id order, for YOLO labels that come without classes.txt or data.yaml. */
    classes: z.array(z.string().min(1)).optional(),
    /** Import the valid entries and list the rest, instead of refusing the whole file. */
    skipInvalid: z.boolean().default(false),
  })
  .strict()
export type AnnotationSource = z.infer<typeof AnnotationSource>

export const ImportRequest = z
  .object({
    paths: z.array(z.string().min(1)).min(1),
    labelsFromFolders: z.boolean().default(false),
    annotations: AnnotationSource.optional(),
  })
  .strict()
export type ImportRequest = z.input<typeof ImportRequest>

export const ImportFailure = z.object({ path: z.string(), reason: z.string() })
export type ImportFailure = z.infer<typeof ImportFailure>

export const AnnotationImportSummary = z.object({
  format: AnnotationFormat,
  images: z.number().int(),
  boxes: z.number().int(),
  tags: z.number().int(),
  classes: z.number().int(),
  skipped: z.array(z.object({ file: z.string(), entry: z.string().optional(), reason: z.string() })),
  /** All entries skipped; `skipped` lists the first of them. */
  skippedCount: z.number().int(),
})
export type AnnotationImportSummary = z.infer<typeof AnnotationImportSummary>

export const ImportResult = z.object({
  added: z.number().int(),
  duplicates: z.number().int(),
  relinked: z.number().int(),
  failed: z.array(ImportFailure),
  annotations: AnnotationImportSummary.optional(),
})
export type ImportResult = z.infer<typeof ImportResult>

export const JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted'] as const
export const JobState = z.enum(JOB_STATES)
export type JobState = z.infer<typeof JobState>

export const JobKind = z.enum(['import', 'export', 'index', 'train', 'prelabel'])
export type JobKind = z.infer<typeof JobKind>

export const JobSummary = z.object({
  id: z.number().int(),
  kind: JobKind,
  title: z.string(),
  state: JobState,
  done: z.number().int(),
  total: z.number().int(),
  /** Items per second over the recent past; null until there is enough to say. */
  rate: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  error: z.string().nullable(),
  result: z.unknown().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether `jobs.resume` can carry on from where this job stopped. */
  resumable: z.boolean(),
})
export type JobSummary = z.infer<typeof JobSummary>

export const JobRef = z.object({ id: z.number().int() })
export const JobIdRequest = z.object({ id: z.number().int().positive() }).strict()

export const WorkspaceInfo = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
})
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>

export const BrowseRequest = z.object({ dir: z.string().min(1).optional() }).strict()
export const BrowseEntry = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(['dir', 'image', 'json']),
})
export const BrowseListing = z.object({
  dir: z.string(),
  parent: z.string().nullable(),
  entries: z.array(BrowseEntry),
})
export type BrowseListing = z.infer<typeof BrowseListing>

export const PickedPaths = z.object({
  /** False where this transport has no native dialog (the browser host): the UI then offers its own folder browser. */
  supported: z.boolean(),
  paths: z.array(z.string()),
})
export type PickedPaths = z.infer<typeof PickedPaths>

export const Empty = z.object({}).strict()
export const Ok = z.object({ ok: z.literal(true) })

const Coordinate = z.number().finite()
const Extent = z.number().finite().positive()
const LabelName = z.string().trim().min(1).max(200)

export const Box = z.object({
  id: z.number().int(),
  /** Class name; null for a box drawn before any class was chosen. */
  label: z.string().nullable(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
})
export type Box = z.infer<typeof Box>

/** Everything the canvas needs about one image's annotations; every edit answers with the new state. */
export const ImageAnnotations = z.object({
  imageId: ImageId,
  width: z.number().int(),
  height: z.number().int(),
  boxes: z.array(Box),
  tags: z.array(z.string()),
  status: ReviewStatus,
  canUndo: z.boolean(),
  canRedo: z.boolean(),
})
export type ImageAnnotations = z.infer<typeof ImageAnnotations>

export const ImageRef = z.object({ imageId: ImageId }).strict()

export const AddBoxRequest = z
  .object({ imageId: ImageId, label: LabelName.nullable(), x: Coordinate, y: Coordinate, width: Extent, height: Extent })
  .strict()

export const UpdateBoxRequest = z
  .object({
    imageId: ImageId,
    boxId: z.number().int().positive(),
    label: LabelName.nullable().optional(),
    x: Coordinate.optional(),
    y: Coordinate.optional(),
    width: Extent.optional(),
    height: Extent.optional(),
  })
  .strict()

export const DeleteBoxesRequest = z
  .object({ imageId: ImageId, boxIds: z.array(z.number().int().positive()).min(1) })
  .strict()

export const CopyBoxesRequest = z.object({ imageId: ImageId, fromImageId: ImageId }).strict()

export const SetTagsRequest = z.object({ imageId: ImageId, tags: z.array(LabelName).max(1000) }).strict()

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #4e79a7')
const Hotkey = z.string().regex(/^[1-9]$/, 'a digit from 1 to 9')

export const CreateLabelRequest = z
  .object({ name: LabelName, color: Color.optional(), hotkey: Hotkey.nullable().optional() })
  .strict()
export const UpdateLabelRequest = z
  .object({ id: z.number().int().positive(), name: LabelName.optional(), color: Color.optional(), hotkey: Hotkey.nullable().optional() })
  .strict()
export const MergeLabelsRequest = z
  .object({ sourceId: z.number().int().positive(), targetId: z.number().int().positive() })
  .strict()
export const LabelIdRequest = z.object({ id: z.number().int().positive() }).strict()

export const ExportRequest = z
  .object({
    format: AnnotationFormat,
    /** A new folder; an existing non-empty one is refused. */
    out: z.string().min(1),
    /** Put the image files in the export too: copied, or hard-linked where the disk allows. */
    images: z.enum(['none', 'copy', 'link']).default('none'),
  })
  .strict()
export type ExportRequest = z.input<typeof ExportRequest>

export const ExportResult = z.object({
  dir: z.string(),
  images: z.number().int(),
  boxes: z.number().int(),
  warnings: z.array(z.string()),
})
export type ExportResult = z.infer<typeof ExportResult>

export const IndexResult = z.object({
  embedded: z.number().int(),
  skipped: z.number().int(),
  backend: z.string(),
  model: z.string(),
  imagesPerSecond: z.number(),
})
export type IndexResult = z.infer<typeof IndexResult>

export const SearchStatus = z.object({
  modelId: z.string(),
  /** Null when the model is usable; otherwise why not, and how to add one. */
  modelProblem: z.string().nullable(),
  /** The inference backend, e.g. "wasm (SIMD)" or "tensorflow (native)". */
  backend: z.string(),
  indexed: z.number().int(),
  pending: z.number().int(),
})
export type SearchStatus = z.infer<typeof SearchStatus>

export const Region = z
  .object({ x: z.number().finite(), y: z.number().finite(), width: z.number().finite().positive(), height: z.number().finite().positive() })
  .strict()
export type Region = z.infer<typeof Region>

/** What to look for: a catalogue image, a file from outside (by path, or its bytes from a browser), or a region of either. */
export const SearchQuery = z.union([
  z.object({ imageId: ImageId, region: Region.optional() }).strict(),
  z.object({ path: z.string().min(1), region: Region.optional() }).strict(),
  z.object({ bytesBase64: z.string().min(1).max(16_000_000), region: Region.optional() }).strict(),
])
export type SearchQuery = z.infer<typeof SearchQuery>

export const SimilarRequest = z
  .object({ query: SearchQuery, k: z.number().int().min(1).max(1000).default(50), filter: ImageFilter.default({}) })
  .strict()
export type SimilarRequest = z.input<typeof SimilarRequest>

export const SearchHit = ImageSummary.extend({ score: z.number(), path: z.string() })
export type SearchHit = z.infer<typeof SearchHit>

export const DuplicatesRequest = z.object({ threshold: z.number().min(0.5).max(1).default(0.95) }).strict()
export const DuplicateGroup = z.object({ images: z.array(SearchHit) })
export type DuplicateGroup = z.infer<typeof DuplicateGroup>

export const ModelInfo = z.object({
  id: z.string(),
  name: z.string(),
  dimension: z.number().int(),
  problem: z.string().nullable(),
  /** Whether indexing and search embed with this model (one at a time; choosing another re-indexes with it). */
  active: z.boolean(),
})
export type ModelInfo = z.infer<typeof ModelInfo>

// DICOM

export interface DicomTag {
  /** "(0010,0010)" */
  tag: string
  keyword: string | null
  name: string
  vr: string | null
  value: string
  /** A sequence's items, each a list of its elements (two levels deep at most). */
  items?: DicomTag[][]
}
export const DicomTag: z.ZodType<DicomTag> = z.object({
  tag: z.string(),
  keyword: z.string().nullable(),
  name: z.string(),
  vr: z.string().nullable(),
  value: z.string(),
  get items() {
    return z.array(z.array(DicomTag)).optional()
  },
})

export const DicomMetadata = z.object({
  imageId: ImageId,
  frame: z.number().int(),
  frames: z.number().int(),
  transferSyntax: z.object({ uid: z.string(), name: z.string() }),
  patient: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  study: z.object({ uid: z.string().nullable(), date: z.string().nullable(), description: z.string().nullable() }),
  series: z.object({
    uid: z.string().nullable(),
    number: z.number().int().nullable(),
    description: z.string().nullable(),
    modality: z.string().nullable(),
  }),
  instanceNumber: z.number().int().nullable(),
  /** The tags of the metadata panel, grouped, in order, values as people read them. */
  main: z.array(
    z.object({
      group: z.enum(['Patient', 'Study', 'Series', 'Image', 'Equipment']),
      keyword: z.string(),
      name: z.string(),
      value: z.string(),
    }),
  ),
  /** Every element of the file (meta information first); long values cut, binary ones as their size. */
  tags: z.array(DicomTag),
  warnings: z.array(z.string()),
})
export type DicomMetadata = z.infer<typeof DicomMetadata>

export const DicomWindow = z.object({ center: z.number().finite(), width: z.number().finite().positive() }).strict()
export type DicomWindow = z.infer<typeof DicomWindow>

export const DicomFrameInfo = z.object({
  imageId: ImageId,
  frame: z.number().int(),
  frames: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  photometric: z.string(),
  samplesPerPixel: z.number().int(),
  bitsAllocated: z.number().int(),
  bitsStored: z.number().int(),
  signed: z.boolean(),
  /** Window/level applies (monochrome); colour and palette images are shown as they are. */
  monochrome: z.boolean(),
  /** MONOCHROME1: low values are white, so a rendition inverts the windowed grey levels. */
  invert: z.boolean(),
  /** Stored value × slope + intercept gives the values in `units` (HU for CT); null when the file has no rescale. */
  rescale: z.object({ slope: z.number(), intercept: z.number(), units: z.string().nullable() }).nullable(),
  /** The file's own windows, in rescaled units. */
  windows: z.array(z.object({ center: z.number(), width: z.number(), explanation: z.string().nullable() })),
  /** What the image opens with: the file's first window, or one spanning the frame's values. */
  defaultWindow: z.object({ center: z.number(), width: z.number(), source: z.enum(['file', 'data']) }),
  voiFunction: z.enum(['LINEAR', 'LINEAR_EXACT', 'SIGMOID']),
  /** Smallest and largest rescaled value in this frame (monochrome only). */
  valueRange: z.object({ min: z.number(), max: z.number() }).nullable(),
  /** Window presets that fit the image (CT presets in HU for CT images). */
  presets: z.array(z.object({ id: z.string(), name: z.string(), center: z.number(), width: z.number() })),
  /**
   * Where the viewer gets the values to window itself: media path `/raw/<imageId>` serves `width × height` float32
   * little-endian values (rescaled, row by row). Null for colour images.
   */
  raw: z.object({ path: z.string(), dtype: z.literal('float32le'), width: z.number().int(), height: z.number().int() }).nullable(),
})
export type DicomFrameInfo = z.infer<typeof DicomFrameInfo>

export const DicomSeriesImage = z.object({
  imageId: ImageId,
  frame: z.number().int(),
  instanceNumber: z.number().int().nullable(),
  fileName: z.string(),
})
export const DicomSeries = z.object({
  seriesUid: z.string().nullable(),
  seriesNumber: z.number().int().nullable(),
  seriesDescription: z.string().nullable(),
  modality: z.string().nullable(),
  images: z.array(DicomSeriesImage),
})
export const DicomStudy = z.object({
  studyUid: z.string().nullable(),
  studyDate: z.string().nullable(),
  studyDescription: z.string().nullable(),
  series: z.array(DicomSeries),
})
export const DicomPatient = z.object({
  patientId: z.string().nullable(),
  patientName: z.string().nullable(),
  studies: z.array(DicomStudy),
})
export type DicomPatient = z.infer<typeof DicomPatient>

export const DicomSeriesRequest = z
  .object({ imageIds: z.array(ImageId).max(100_000).optional() })
  .strict()

export const DicomExportRequest = z
  .object({
    imageIds: z.array(ImageId).min(1).max(100_000),
    /** A folder; created when missing. Existing files are never overwritten. */
    out: z.string().min(1),
    /**
     * png: each image (frame) rendered to 8 bits; dcm: each file as a DICOM file (a multi-frame file once, whichever
     * of its frames were chosen).
     */
    format: z.enum(['png', 'dcm']),
    /**
     * PS3.15 Basic Profile: names, IDs, dates and other identifying attributes removed or emptied, UIDs replaced;
     * pixel data unchanged. PNGs then carry no metadata and come with a de-identified JSON sidecar of the tags.
     */
    deidentify: z.boolean().default(true),
    /** Put into Patient Name and Patient ID instead of emptying them (de-identified DICOM and sidecars). */
    pseudonym: z.string().trim().min(1).max(64).optional(),
    /** PNG only: the window to render with instead of each image's default. */
    window: DicomWindow.optional(),
  })
  .strict()
export type DicomExportRequest = z.input<typeof DicomExportRequest>

export const DicomExportResult = z.object({
  dir: z.string(),
  written: z.array(z.object({ imageIds: z.array(ImageId), file: z.string(), sidecar: z.string().nullable() })),
  failed: z.array(z.object({ imageId: ImageId, reason: z.string() })),
  warnings: z.array(z.string()),
})
export type DicomExportResult = z.infer<typeof DicomExportResult>

// ── Training: classifier heads on the embeddings, their versions, predictions, and detector box suggestions ──────────

export const TRAINING_SAMPLES = ['images', 'boxes'] as const

export const TrainRequest = z
  .object({
    /** 'images': one sample per image, its class the image's tag; 'boxes': one sample per box, on the box's crop. */
    samples: z.enum(TRAINING_SAMPLES).default('images'),
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

/** Whether training can start now, and if not, why (the same reasons `training.start` refuses with). */
export const TrainingReadiness = z.object({
  ready: z.boolean(),
  problem: z.string().nullable(),
  /** Usable samples per class (labelled, one class each). */
  counts: z.record(z.string(), z.number().int()),
  /** Samples left out, by reason. */
  excluded: z.object({ severalClasses: z.number().int(), notIndexed: z.number().int() }),
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
