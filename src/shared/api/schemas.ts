import { z } from 'zod'

/** Data shapes that cross the renderer↔main boundary. Requests are validated against these; replies are typed by them. */

export const ImageId = z.number().int().positive()

export const REVIEW_STATUSES = ['unlabelled', 'in_progress', 'labelled', 'reviewed', 'needs_fix'] as const
export const ReviewStatus = z.enum(REVIEW_STATUSES)
export type ReviewStatus = z.infer<typeof ReviewStatus>

export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'tiff', 'bmp', 'gif'] as const
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
})
export type ImageSummary = z.infer<typeof ImageSummary>

export const ImageDetail = ImageSummary.extend({
  path: z.string(),
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

export const ImageFilter = z
  .object({
    /** Only images carrying this label; `null` means images with no label at all. */
    label: z.string().min(1).nullable().optional(),
    status: ReviewStatus.optional(),
  })
  .strict()
export type ImageFilter = z.infer<typeof ImageFilter>

export const ListImagesRequest = z
  .object({
    filter: ImageFilter.default({}),
    sort: ImageSort.default('added'),
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

export const JobKind = z.enum(['import', 'export', 'index'])
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

export const ModelInfo = z.object({ id: z.string(), name: z.string(), dimension: z.number().int(), problem: z.string().nullable() })
export type ModelInfo = z.infer<typeof ModelInfo>
