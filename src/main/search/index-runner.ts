import type { IndexResult } from '../../shared/api/schemas'
import type { EventBus } from '../events/event-bus'
import type { JobContext, JobRunner } from '../jobs/job-manager'
import { preprocessImage, type ModelManifest } from '../ml'
import type { Embedder } from './embedder'
import type { EmbeddingStore, ImageToEmbed } from './embedding-store'

export interface IndexParams {
  modelId: string
}

const BATCH_SIZE = 16
const DECODE_AHEAD = 2

interface PreparedBatch {
  images: ImageToEmbed[]
  pixels: Float32Array
  skipped: number
}

/**
 * Embeds every image that has no embedding for the model yet (or an outdated one). Decoding the next batch (sharp, on
 * libuv's threads) overlaps inference of the current one (in the worker), so both cores stay busy; each batch is
 * saved in one transaction, so cancelling or a crash loses at most the batch in flight and the next run carries on.
 */
export class IndexRunner implements JobRunner<IndexParams, IndexResult> {
  readonly kind = 'index' as const
  readonly resumable = true

  constructor(
    private readonly store: EmbeddingStore,
    private readonly embedder: Embedder,
    private readonly events: EventBus,
  ) {}

  title(params: IndexParams): string {
    return `Index images for visual search (${params.modelId})`
  }

  async run(context: JobContext, params: IndexParams): Promise<IndexResult> {
    const { engine, model } = await this.embedder.start()
    const total = this.store.countMissing(params.modelId)
    const started = performance.now()
    let done = 0
    let embedded = 0
    let skipped = 0
    let lastId = 0
    context.progress(0, total)

    const nextBatch = (): Promise<PreparedBatch> | null => {
      const images = this.store.missing(params.modelId, BATCH_SIZE, lastId)
      if (images.length === 0) return null
      lastId = images.at(-1)!.id
      return prepare(images, model.manifest)
    }
    // Two batches decode ahead, so the worker never waits for sharp when decoding a batch takes longer than its inference.
    const upcoming: Promise<PreparedBatch>[] = []
    const refill = () => {
      while (upcoming.length < DECODE_AHEAD) {
        const batch = nextBatch()
        if (!batch) return
        upcoming.push(batch)
      }
    }
    refill()
    while (upcoming.length > 0 && !context.signal.aborted) {
      const batch = await upcoming.shift()!
      refill()
      if (batch.images.length > 0) {
        const vectors = await engine.embed(batch.pixels, batch.images.length)
        this.store.save(
          params.modelId,
          batch.images.map((image, index) => ({ image, vector: vectors[index]! })),
        )
        embedded += batch.images.length
      }
      skipped += batch.skipped
      done += batch.images.length + batch.skipped
      context.progress(done, total)
    }
    await Promise.allSettled(upcoming)
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

/** Decodes a batch; an image that cannot be read (gone, damaged) is left out and counted, not fatal. */
async function prepare(images: ImageToEmbed[], manifest: ModelManifest): Promise<PreparedBatch> {
  const decoded = await Promise.all(
    images.map((image) =>
      preprocessImage(image.path, manifest, { frame: image.frame ?? 0 }).then(
        (pixels) => ({ image, pixels }),
        () => null,
      ),
    ),
  )
  const ok = decoded.filter((entry) => entry !== null)
  const size = manifest.input.width * manifest.input.height * 3
  const pixels = new Float32Array(ok.length * size)
  ok.forEach((entry, index) => pixels.set(entry.pixels, index * size))
  return { images: ok.map((entry) => entry.image), pixels, skipped: images.length - ok.length }
}
