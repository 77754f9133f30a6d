import { z } from 'zod'
import { ImageFilter, ImageFormat, ImageSummary } from './catalog'
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

/** Where in a hit a searched region was found: the best-matching box (image pixels, as displayed) and its cosine. */
export const MatchLocation = z.object({ region: Region, score: z.number() })
export type MatchLocation = z.infer<typeof MatchLocation>

/** `match` is given for the first hits of a region search. */
export const SearchHit = ImageSummary.extend({ score: z.number(), path: z.string(), match: MatchLocation.optional() })
export type SearchHit = z.infer<typeof SearchHit>

/** Without a threshold, the model's calibrated one (see DuplicateThreshold). */
export const DuplicatesRequest = z.object({ threshold: z.number().min(0.5).max(1).optional() }).strict()
export type DuplicatesRequest = z.input<typeof DuplicatesRequest>

/** A member of a duplicate group, with what goes out of the catalogue with it if it is removed. */
export const DuplicateImage = SearchHit.extend({
  /** How well its fine detail lines up with another member's once framed onto it, at best (copies: ~0.9 to 1). */
  pixelMatch: z.number(),
  bytes: z.number().int(),
  format: ImageFormat,
  boxCount: z.number().int(),
  /** The classes of its boxes, each once. */
  boxClasses: z.array(z.string()),
})
export type DuplicateImage = z.infer<typeof DuplicateImage>

/**
 * Images that are the same picture: each a candidate by embedding (score: its best similarity in the group) confirmed
 * by its pixels. `keep` is the one suggested to keep: annotated before not, then the most pixels, then the most bytes.
 */
export const DuplicateGroup = z.object({ images: z.array(DuplicateImage), keep: ImageId })
export type DuplicateGroup = z.infer<typeof DuplicateGroup>

/** The embedding similarity from which images are compared pixel by pixel, calibrated for the model in use. */
export const DuplicateThreshold = z.object({
  modelId: z.string(),
  threshold: z.number(),
  /** How it was found: altered copies (re-encoded, halved, cropped) of this many catalogue images, embedded by the model. */
  calibratedOn: z.number().int(),
  /** A low quantile (2%) of the copy-to-original similarities measured; the threshold sits a margin below it. */
  lowCopy: z.number(),
})
export type DuplicateThreshold = z.infer<typeof DuplicateThreshold>

/** The 'search.indexChanged' event: the embeddings of this model changed. */
export const IndexChanged = z.object({ modelId: z.string() })
