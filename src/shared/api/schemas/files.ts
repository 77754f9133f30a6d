import { z } from 'zod'

export const BrowseRequest = z.object({ dir: z.string().min(1).optional() }).strict()
export const BrowseEntry = z.object({
  name: z.string(),
  path: z.string(),
  /** 'model': an .onnx or .tflite file, which Add model takes. */
  kind: z.enum(['dir', 'image', 'json', 'model']),
})
export const BrowseListing = z.object({
  dir: z.string(),
  parent: z.string().nullable(),
  entries: z.array(BrowseEntry),
})
export type BrowseListing = z.infer<typeof BrowseListing>
