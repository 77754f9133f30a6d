import { z } from 'zod'

/** The embedding map of the active model: whether it is laid out, and how much of the catalogue it shows. */
export const MapStatus = z.object({
  modelId: z.string(),
  /** Whether there is a layout for this model (it may still lack images indexed since). */
  laidOut: z.boolean(),
  /** Images on the map. */
  points: z.number().int(),
  /** Images with an embedding of this model that are not on the map yet (indexed, or changed, since the layout). */
  unplaced: z.number().int(),
  /** Images with no embedding of this model: indexing them comes first. */
  unindexed: z.number().int(),
  computedAt: z.string().nullable(),
})
export type MapStatus = z.infer<typeof MapStatus>

export const MapComputeRequest = z
  .object({
    /** Lay every image out again, rather than placing new ones among the existing layout (the default when there is one). */
    fresh: z.boolean().optional(),
    /** The layout's seed: the same embeddings and seed give the same map. Default 1. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict()
export type MapComputeRequest = z.infer<typeof MapComputeRequest>

export const MapComputeResult = z.object({
  modelId: z.string(),
  /** 'layout': everything laid out by UMAP; 'placed': new images placed among an existing layout; 'current': nothing to do. */
  mode: z.enum(['layout', 'placed', 'current']),
  points: z.number().int(),
  placed: z.number().int(),
})
export type MapComputeResult = z.infer<typeof MapComputeResult>

export const MapPointsRequest = z.object({ withPaths: z.boolean().optional() }).strict()
export type MapPointsRequest = z.infer<typeof MapPointsRequest>

/** Every point of the active model's map as parallel arrays (100k points stay a few MB and one allocation each). */
export const MapPoints = z.object({
  modelId: z.string(),
  imageIds: z.array(z.number().int()),
  x: z.array(z.number()),
  y: z.array(z.number()),
  /** Each image's file, when asked for. */
  paths: z.array(z.string()).optional(),
})
export type MapPoints = z.infer<typeof MapPoints>

export const MapChanged = z.object({ modelId: z.string() })

/** What the map's points can be coloured by. */
export const MAP_COLOUR_BY = ['class', 'prediction', 'confidence', 'status', 'anomaly', 'detection'] as const
export const MapColourBy = z.enum(MAP_COLOUR_BY)
export type MapColourBy = z.infer<typeof MapColourBy>

export const MapColoursRequest = z.object({ by: MapColourBy }).strict()
export type MapColoursRequest = z.infer<typeof MapColoursRequest>

/**
 * One value per point of the map, in the order of `map.points` (by image id). Categorical attributes (class,
 * prediction, status) give an index into `categories`; continuous ones (confidence, anomaly score, the detector's best
 * score) the number itself. null: the image has no value (no label, no prediction, not scored, nothing detected).
 */
export const MapColours = z.object({
  modelId: z.string(),
  by: MapColourBy,
  imageIds: z.array(z.number().int()),
  values: z.array(z.number().nullable()),
  /** The categories' names (class names, or review statuses), for a categorical attribute. */
  categories: z.array(z.string()).optional(),
  /** Each category's colour where the workspace has one (a label's colour), '' where it has none. */
  categoryColours: z.array(z.string()).optional(),
  /** The version the values come from ('classifier-3', 'detector-2', an anomaly model's 'name vN'); null when none is active. */
  source: z.string().nullable(),
})
export type MapColours = z.infer<typeof MapColours>
