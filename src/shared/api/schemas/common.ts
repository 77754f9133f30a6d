import { z } from 'zod'

/** Primitives several namespaces of the contract share. */

export const ImageId = z.number().int().positive()

/** The request of a method that takes nothing. */
export const Empty = z.object({}).strict()
export const Ok = z.object({ ok: z.literal(true) })

/** The reply of a method that starts a job; `jobs.list` and the 'jobs.progress' events follow it from there. */
export const JobRef = z.object({ id: z.number().int() })

export const ImageRef = z.object({ imageId: ImageId }).strict()

/** The reply of a bulk edit: how many images it changed. */
export const Changed = z.object({ changed: z.number().int() })

/** Where an image is in review; the catalogue filters and counts by it, the annotation view shows and sets it. */
export const REVIEW_STATUSES = ['unlabelled', 'in_progress', 'labelled', 'reviewed', 'needs_fix'] as const
export const ReviewStatus = z.enum(REVIEW_STATUSES)
export type ReviewStatus = z.infer<typeof ReviewStatus>

/**
 * Dataset formats annotations are read from (imports) and written to (exports). `yolo-seg` writes every object as a
 * YOLO segmentation polygon; reading, it is `yolo`, whose reader takes box and polygon lines alike.
 */
export const ANNOTATION_FORMATS = ['coco', 'yolo', 'yolo-seg', 'voc', 'folders'] as const
export const AnnotationFormat = z.enum(ANNOTATION_FORMATS)
export type AnnotationFormat = z.infer<typeof AnnotationFormat>
