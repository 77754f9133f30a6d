import { z } from 'zod'
import { ImageFilter } from './catalog'
import { AnnotationFormat } from './common'

export const SPLIT_PARTS = ['train', 'val', 'test'] as const
export type SplitPart = (typeof SPLIT_PARTS)[number]

/**
 * A train/validation/test split of the exported images: the fractions of each part (adding up to 1) and the seed that
 * makes it repeatable. Each class is split on its own, so every part gets its share of every class.
 */
export const DatasetSplit = z
  .object({
    train: z.number().min(0).max(1),
    val: z.number().min(0).max(1),
    test: z.number().min(0).max(1),
    seed: z.number().int().min(0).max(0xffffffff).default(0),
  })
  .strict()
  .refine((split) => Math.abs(split.train + split.val + split.test - 1) < 1e-6, {
    message: 'the train, val and test fractions must add up to 1',
  })
  .refine((split) => split.train > 0, { message: 'the train fraction must be more than 0' })
export type DatasetSplit = z.infer<typeof DatasetSplit>

export const ExportRequest = z
  .object({
    format: AnnotationFormat,
    /** A new folder; an existing non-empty one is refused. */
    out: z.string().min(1),
    /** Put the image files in the export too: copied, or hard-linked where the disk allows. */
    images: z.enum(['none', 'copy', 'link']).default('none'),
    /** Which images to export: those matching this filter (`imageIds` for a selection); every image without it. */
    filter: ImageFilter.optional(),
    split: DatasetSplit.optional(),
  })
  .strict()
export type ExportRequest = z.input<typeof ExportRequest>

/** Which export to plan: the format and the images, as an export request gives them. */
export const ExportPlanRequest = z.object({ format: AnnotationFormat, filter: ImageFilter.optional() }).strict()
export type ExportPlanRequest = z.infer<typeof ExportPlanRequest>

/** Kinds of information an export leaves behind or changes, each counted (engines/formats/lost-information.ts). */
export const LOSS_KINDS = [
  'boxes',
  'imageTags',
  'crowd',
  'cocoArea',
  'vocFlags',
  'polygonsAsBoxes',
  'polygonsAsMasks',
  'masksAsBoxes',
  'boxesAsPolygons',
  'polygonsInParts',
  'datasetFields',
  'imageFields',
  'objectFields',
  'dicom',
  'unlabelledBoxes',
] as const
export const ExportLoss = z.object({ kind: z.enum(LOSS_KINDS), count: z.number().int().positive() })
export type ExportLoss = z.infer<typeof ExportLoss>

/** What an export would write, and what it would leave behind or change (per kind, with counts), before it runs. */
export const ExportPlan = z.object({
  images: z.number().int(),
  boxes: z.number().int(),
  /** What would be lost, as data for a window to say in its language. */
  losses: z.array(ExportLoss),
  /** The same in English sentences (the CLI's). */
  warnings: z.array(z.string()),
})
export type ExportPlan = z.infer<typeof ExportPlan>

export const ExportResult = z.object({
  dir: z.string(),
  images: z.number().int(),
  boxes: z.number().int(),
  /** Everything to know about the export, in English sentences (the CLI's): its losses and its notes. */
  warnings: z.array(z.string()),
  /** What was lost, as data (absent from results stored before they were kept so). */
  losses: z.array(ExportLoss).optional(),
  /** The rest of the warnings, in English: files renamed, images left out, an interrupted export started over. */
  notes: z.array(z.string()).optional(),
  /** Images in each part, when the export was split. */
  parts: z.object({ train: z.number().int(), val: z.number().int(), test: z.number().int() }).optional(),
})
export type ExportResult = z.infer<typeof ExportResult>
