import { z } from 'zod'
import { AnnotationFormat } from './common'

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
