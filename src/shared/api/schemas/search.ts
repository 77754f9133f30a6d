import { z } from 'zod'
import { ImageFilter, ImageSummary } from './catalog'
import { ImageId } from './common'

export const IndexResult = z.object({
  embedded: z.number().int(),
  skipped: z.number().int(),
  backend: z.string(),
  model: z.string(),
  imagesPerSecond: z.number(),
})
export type IndexResult = z.infer<typeof IndexResult>

export const SearchStatus = z.object({
  modelId: z.string(),
  /** Null when the model is usable; otherwise why not, and how to add one. */
  modelProblem: z.string().nullable(),
  /** The inference backend, e.g. "wasm (SIMD)" or "tensorflow (native)". */
  backend: z.string(),
  indexed: z.number().int(),
  pending: z.number().int(),
  /** New images are indexed in the background unless the person paused it (or cancelled an automatic run). */
  autoIndexPaused: z.boolean(),
})
export type SearchStatus = z.infer<typeof SearchStatus>

export const AutoIndexRequest = z.object({ paused: z.boolean() }).strict()

export const Region = z
  .object({ x: z.number().finite(), y: z.number().finite(), width: z.number().finite().positive(), height: z.number().finite().positive() })
  .strict()
export type Region = z.infer<typeof Region>

/** What to look for: a catalogue image, a file from outside (by path, or its bytes from a browser), or a region of either. */
export const SearchQuery = z.union([
  z.object({ imageId: ImageId, region: Region.optional() }).strict(),
  z.object({ path: z.string().min(1), region: Region.optional() }).strict(),
  z.object({ bytesBase64: z.string().min(1).max(16_000_000), region: Region.optional() }).strict(),
])
export type SearchQuery = z.infer<typeof SearchQuery>

export const SimilarRequest = z
  .object({ query: SearchQuery, k: z.number().int().min(1).max(1000).default(50), filter: ImageFilter.default({}) })
  .strict()
export type SimilarRequest = z.input<typeof SimilarRequest>

export const SearchHit = ImageSummary.extend({ score: z.number(), path: z.string() })
export type SearchHit = z.infer<typeof SearchHit>

export const DuplicatesRequest = z.object({ threshold: z.number().min(0.5).max(1).default(0.95) }).strict()
export const DuplicateGroup = z.object({ images: z.array(SearchHit) })
export type DuplicateGroup = z.infer<typeof DuplicateGroup>

/** The 'search.indexChanged' event: the embeddings of this model changed. */
export const IndexChanged = z.object({ modelId: z.string() })
