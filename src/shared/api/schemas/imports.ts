import { z } from 'zod'
import { AnnotationFormat } from './common'
import { LabelName } from './labels'

export const AnnotationSource = z
  .object({
    format: AnnotationFormat,
    /** The COCO JSON file, or the YOLO labels / VOC annotations / class folders; defaults to the imported folder. */
    path: z.string().min(1).optional(),
    /** Class names in id order, for YOLO labels that come without classes.txt or data.yaml. They become labels. */
    classes: z.array(LabelName).optional(),
    /** Import the valid entries and list the rest, instead of refusing the whole file. */
    skipInvalid: z.boolean().default(false),
  })
  .strict()
export type AnnotationSource = z.infer<typeof AnnotationSource>

export const ImportRequest = z
  .object({
    // A million paths is about 100 MB of request: within the host's frame limit, and more than any folder list.
    paths: z.array(z.string().min(1)).min(1).max(1_000_000),
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
  /** Where this import's dataset, class or image fields replaced different ones an earlier import had kept. */
  notes: z.array(z.string()).optional(),
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
