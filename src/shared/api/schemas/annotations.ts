import { z } from 'zod'
import { ImageId, ReviewStatus } from './common'
import { LabelName, TagName } from './labels'

const Coordinate = z.number().finite()
const Extent = z.number().finite().positive()

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

export const SetTagsRequest = z.object({ imageId: ImageId, tags: z.array(TagName).max(1000) }).strict()
