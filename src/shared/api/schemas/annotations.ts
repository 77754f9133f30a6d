import { z } from 'zod'
import { ImageId, ReviewStatus } from './common'
import { LabelName, TagName } from './labels'

const Coordinate = z.number().finite()
const Extent = z.number().finite().positive()

/**
 * The outline of an object whose box is derived from it (COCO's segmentation), in image pixels. Polygons: each a flat
 * list x1, y1, x2, y2, … of at least 3 points; several are the parts of one object as COCO keeps them. A mask: COCO's
 * run-length encoding, uncompressed (see shared/shapes/rle.ts); `compressed` says the source wrote its counts as a
 * compressed string, so an export writes them back that way.
 */
export const PolygonShape = z.object({ kind: z.literal('polygons'), polygons: z.array(z.array(Coordinate)).min(1) }).strict()
export const MaskShape = z
  .object({
    kind: z.literal('mask'),
    rle: z.object({ size: z.tuple([z.number().int().positive(), z.number().int().positive()]), counts: z.array(z.number().int().nonnegative()) }).strict(),
    compressed: z.boolean().optional(),
  })
  .strict()
export const Shape = z.discriminatedUnion('kind', [PolygonShape, MaskShape])
export type Shape = z.infer<typeof Shape>

/**
 * An object: a box, which may carry a shape (then the box is the shape's bounds). `crowd` is COCO's iscrowd (the
 * region covers a group of objects). `extra` holds what its source file said that Loupe does not use (COCO's stored
 * area, VOC's difficult, truncated and pose, unknown fields), written back on export.
 */
export const Box = z.object({
  id: z.number().int(),
  /** Class name; null for a box drawn before any class was chosen. */
  label: z.string().nullable(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
  shape: Shape.optional(),
  crowd: z.boolean().optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
})
export type Box = z.infer<typeof Box>

/**
 * What a measurement measures. Its points are in image pixels (x right, y down, pixel centres at +0.5):
 * length: the two ends; rectangle and ellipse: two opposite corners of the rectangle (the ellipse is the one inscribed
 * in it); angle: the first arm's end, the vertex, the second arm's end.
 */
export const MeasurementKind = z.enum(['length', 'rectangle', 'ellipse', 'angle'])
export type MeasurementKind = z.infer<typeof MeasurementKind>

/** How many points each kind takes. */
export const MEASUREMENT_POINTS: Record<MeasurementKind, number> = { length: 2, rectangle: 2, ellipse: 2, angle: 3 }

export const MeasurementPoint = z.object({ x: Coordinate, y: Coordinate }).strict()
export type MeasurementPoint = z.infer<typeof MeasurementPoint>

/** Why `count` points do not make a measurement of `kind`; null when they do. The schema and the service both say it. */
export function pointCountProblem(kind: MeasurementKind, count: number): string | null {
  const expected = MEASUREMENT_POINTS[kind]
  if (count === expected) return null
  return `${kind === 'length' || kind === 'rectangle' ? 'A' : 'An'} ${kind} measurement takes ${expected} points, not ${count}.`
}

const measurementPoints = <T extends { kind: MeasurementKind; points: MeasurementPoint[] }>(value: T, context: z.RefinementCtx) => {
  const problem = pointCountProblem(value.kind, value.points.length)
  if (problem) context.addIssue({ code: 'custom', path: ['points'], message: problem })
}

/** A measurement drawn on an image: stored with its boxes, undone and redone with them. */
export const Measurement = z.object({
  id: z.number().int(),
  kind: MeasurementKind,
  points: z.array(MeasurementPoint),
})
export type Measurement = z.infer<typeof Measurement>

export const AddMeasurementRequest = z
  .object({ imageId: ImageId, kind: MeasurementKind, points: z.array(MeasurementPoint).min(2).max(3) })
  .strict()
  .superRefine(measurementPoints)

/** Moves a measurement's points (its kind stays). */
export const UpdateMeasurementRequest = z
  .object({ imageId: ImageId, measurementId: z.number().int().positive(), points: z.array(MeasurementPoint).min(2).max(3) })
  .strict()

export const DeleteMeasurementsRequest = z
  .object({ imageId: ImageId, measurementIds: z.array(z.number().int().positive()).min(1) })
  .strict()

/** Everything the canvas needs about one image's annotations; every edit answers with the new state. */
export const ImageAnnotations = z.object({
  imageId: ImageId,
  width: z.number().int(),
  height: z.number().int(),
  boxes: z.array(Box),
  /** Lengths, areas and angles drawn on the image (DICOM images' reader; any image can carry them). */
  measurements: z.array(Measurement),
  tags: z.array(z.string()),
  status: ReviewStatus,
  canUndo: z.boolean(),
  canRedo: z.boolean(),
})
export type ImageAnnotations = z.infer<typeof ImageAnnotations>

/** A box by its rectangle, or an object by its shape (its box then derived from it); `crowd` marks a crowd region. */
export const AddBoxRequest = z
  .object({
    imageId: ImageId,
    label: LabelName.nullable(),
    x: Coordinate.optional(),
    y: Coordinate.optional(),
    width: Extent.optional(),
    height: Extent.optional(),
    shape: Shape.optional(),
    crowd: z.boolean().optional(),
  })
  .strict()
  .refine((request) => (request.shape === undefined) === [request.x, request.y, request.width, request.height].every((v) => v !== undefined), {
    message: 'give either the box (x, y, width and height) or a shape, not both',
  })

/**
 * Moves or resizes a box, changes its class, gives it a new shape (its box follows) or takes the shape away (null:
 * it stays a plain box), or sets it as a crowd region. Moving or resizing the box of polygons takes them along
 * (stretched with it); a mask's box is not moved, its mask is edited.
 */
export const UpdateBoxRequest = z
  .object({
    imageId: ImageId,
    boxId: z.number().int().positive(),
    label: LabelName.nullable().optional(),
    x: Coordinate.optional(),
    y: Coordinate.optional(),
    width: Extent.optional(),
    height: Extent.optional(),
    shape: Shape.nullable().optional(),
    crowd: z.boolean().optional(),
  })
  .strict()

export const DeleteBoxesRequest = z
  .object({ imageId: ImageId, boxIds: z.array(z.number().int().positive()).min(1) })
  .strict()

export const CopyBoxesRequest = z.object({ imageId: ImageId, fromImageId: ImageId }).strict()

export const SetTagsRequest = z.object({ imageId: ImageId, tags: z.array(TagName).max(1000) }).strict()

