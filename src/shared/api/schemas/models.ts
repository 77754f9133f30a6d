import { z } from 'zod'

export const ModelInfo = z.object({
  id: z.string(),
  name: z.string(),
  dimension: z.number().int(),
  problem: z.string().nullable(),
  /** Whether indexing and search embed with this model (one at a time; choosing another re-indexes with it). */
  active: z.boolean(),
})
export type ModelInfo = z.infer<typeof ModelInfo>

/** The folder of a model to install. */
export const AddModelRequest = z.object({ dir: z.string().min(1) }).strict()
export const ModelIdRequest = z.object({ id: z.string().min(1) }).strict()
