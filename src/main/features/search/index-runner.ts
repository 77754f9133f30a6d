import { availableParallelism } from 'node:os'
import type { IndexResult } from '../../../shared/api/schemas'
import type { EventBus } from '../../platform/events/event-bus'
import type { JobContext, JobRunner } from '../../platform/jobs/job-manager'
import { loadModelPixels, normalisePixels, type ModelManifest } from '../../engines/ml'
import type { Embedder } from '../models'
import type { EmbeddingStore, ImageToEmbed } from './embedding-store'
import type { JobTitle } from '../../../shared/jobs/job-titles'

export interface IndexParams {
  modelId: string
  /** Started by the workspace itself after images came in, not by a person (see AutoIndexer). */
  automatic?: boolean
}

/** Exported with DECODE_CONCURRENCY for the pipeline bench, which measures decoding alone the way this job decodes. */
export const BATCH_SIZE = 16
/** Batches decoded ahead of the one being embedded. */
const DECODE_AHEAD = 2
/**
 * Images decoded at a time: every core but the one inference runs on. With more, sharp's threads take turns on the
 * inference thread's core: on 2 cores, 16 decodes at a time slowed the whole job to 84% of inference alone.
 */
export const DECODE_CONCURRENCY = Math.max(1, availableParallelism() - 1)

interface PreparedBatch {
  images: ImageToEmbed[]
  pixels: Float32Array
  skipped: number
}

/**
 * Embeds every image that has no embedding for the model yet (or an outdated one), as a pipeline that keeps the
 * inference worker busy: images are decoded (sharp, on libuv's threads) a few batches ahead, on the cores inference
 * leaves free; the next batch is handed to the worker before the last one's vectors are saved. Each batch is saved in
 * one transaction, so cancelling or a crash loses at most the batches in flight and the next run carries on.
 */
export class IndexRunner implements JobRunner<IndexParams, IndexResult> {
  readonly kind = 'index' as const
  readonly resumable = true

  constructor(
    private readonly store: EmbeddingStore,
    private readonly embedder: Embedder,
    private readonly events: EventBus,
  ) {}

  title(params: IndexParams): JobTitle {
    return { id: params.automatic ? 'indexAutomatic' : 'index', values: { model: params.modelId } }
  }

  async run(context: JobContext, params: IndexParams): Promise<IndexResult> {
    // The model the job is for, even if another one has been chosen since (that switch cancels the job; resuming it
    // finishes this model's embeddings).
    const { engine, model } = await this.embedder.start(params.modelId)
    const total = this.store.countMissing(params.modelId)
    const started = performance.now()
    let done = 0
    let embedded = 0
    let skipped = 0
    let lastId = 0
    context.progress(0, total)

    // Batches are decoded one after another, each DECODE_CONCURRENCY images at a time.
    let decoding: Promise<unknown> = Promise.resolve()
    const decodeNext = (): Promise<PreparedBatch> | null => {
      const images = this.store.missing(params.modelId, BATCH_SIZE, lastId)
      if (images.length === 0) return null
      lastId = images.at(-1)!.id
      const batch = decoding.then(() => prepare(images, model.manifest))
      decoding = batch.catch(() => undefined)
      return batch
    }
    const decoded: Promise<PreparedBatch>[] = []
    const refill = () => {
      while (decoded.length < DECODE_AHEAD) {
        const batch = decodeNext()
        if (!batch) return
        decoded.push(batch)
      }
    }
    const finish = ({ batch, vectors }: { batch: PreparedBatch; vectors: Float32Array[] }) => {
      if (vectors.length > 0) {
        this.store.save(params.modelId, batch.images.map((image, index) => ({ image, vector: vectors[index]! })))
        embedded += vectors.length
      }
      skipped += batch.skipped
      done += batch.images.length + batch.skipped
      context.progress(done, total)
    }

    let inFlight: Promise<{ batch: PreparedBatch; vectors: Float32Array[] }> | null = null
    try {
      refill()
      while (decoded.length > 0 && !context.signal.aborted) {
        const batch = await decoded.shift()!
        refill()
        const embedding = batch.images.length > 0 ? engine.embed(batch.pixels, batch.images.length) : Promise.resolve([])
        const previous = inFlight
        inFlight = embedding.then((vectors) => ({ batch, vectors }))
        // Awaited on the next turn round the loop; a failure meanwhile must not count as unhandled.
        inFlight.catch(() => undefined)
        if (previous) finish(await previous)
      }
      // What was handed to the worker is saved, even when cancelled: the work is done.
      if (inFlight) finish(await inFlight)
    } finally {
      await Promise.allSettled([...decoded, inFlight])
    }
    if (embedded > 0) this.events.emit('search.indexChanged', { modelId: params.modelId })
    const seconds = (performance.now() - started) / 1000
    return {
      embedded,
      skipped,
      backend: engine.backend.label,
      model: params.modelId,
      imagesPerSecond: seconds > 0 ? embedded / seconds : 0,
    }
  }
}

/**
 * Decodes a batch straight into one buffer of model input; an image that cannot be read (gone, damaged) is left out
 * and counted, not fatal.
 */
async function prepare(images: ImageToEmbed[], manifest: ModelManifest): Promise<PreparedBatch> {
  const size = manifest.input.width * manifest.input.height * 3
  const pixels = new Float32Array(images.length * size)
  const readable: boolean[] = images.map(() => false)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < images.length) {
      const index = next++
      const image = images[index]!
      try {
        normalisePixels(await loadModelPixels(image.path, manifest, { frame: image.frame ?? 0 }), manifest, pixels, index * size)
        readable[index] = true
      } catch {
        // Left out: listed as skipped in the job's result.
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(DECODE_CONCURRENCY, images.length) }, lane))
  const kept = images.filter((_, index) => readable[index])
  if (kept.length === images.length) return { images, pixels, skipped: 0 }
  // Close the gaps the unreadable ones left, into a buffer of its own (the engine transfers it to the worker).
  const packed = new Float32Array(kept.length * size)
  let row = 0
  images.forEach((_, index) => {
    if (readable[index]) packed.set(pixels.subarray(index * size, (index + 1) * size), row++ * size)
  })
  return { images: kept, pixels: packed, skipped: images.length - kept.length }
}
