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

/** An image file from outside the catalogue, to show before it is searched by (or a region of it drawn). */
export const PreviewRequest = z.object({ path: z.string().min(1) }).strict()
export const FilePreview = z.object({
  path: z.string(),
  /** The picture as displayed (EXIF orientation applied): the pixels a region of it is given in. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** A WebP rendition, at most PREVIEW_SIZE on its longer side, base64-encoded. */
  webpBase64: z.string(),
})
export type FilePreview = z.infer<typeof FilePreview>

export const PREVIEW_SIZE = 1024
