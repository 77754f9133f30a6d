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
