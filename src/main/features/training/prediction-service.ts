import { resolve } from 'node:path'
import { ApiError } from '../../../shared/api/errors'
import type { PredictedItem } from '../../../shared/api/schemas'
import { topPredictions } from '../../engines/learning/metrics'
import type { Network } from '../../engines/learning/network'
import type { TrainingWorker } from '../../engines/learning/worker-client'
import type { EventBus } from '../../platform/events/event-bus'
import type { Db } from '../../platform/storage/database'
import type { AnnotationService } from '../annotations'
import type { CatalogService } from '../catalog'
import type { Embedder } from '../models'
import { requireActiveClassifier } from './active-classifier'
import type { ClassifierStore, PredictionRow } from './classifier-store'
import type { ClassifierWorker } from './classifier-worker'
import type { QueueService } from './queue-service'
import { toFloat32 } from './samples'

/** Rows sent to the worker per prediction call. */
const PREDICT_CHUNK = 4096

/**
 * The active version's predictions: the stored ones (refreshed after training, on activation and when new images are
 * indexed, with the label-next queue ranked afresh each time), classifying files or images on request, and accepting
 * predictions as tags.
 */
export class PredictionService {
  private refreshing: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(
    private readonly db: Db,
    private readonly store: ClassifierStore,
    private readonly worker: ClassifierWorker,
    private readonly queues: Pick<QueueService, 'rank'>,
    private readonly catalog: CatalogService,
    private readonly annotations: AnnotationService,
    private readonly embedder: Embedder,
    private readonly events: EventBus,
  ) {}

  /**
   * Predictions of the active version for every indexed image ('all', replacing what was there) or only for images
   * without a current one ('missing'). Runs one refresh at a time; resolves to the number of images predicted.
   */
  refresh(mode: 'all' | 'missing'): Promise<number> {
    const run = this.refreshing.then(() => this.refreshNow(mode))
    this.refreshing = run.catch(() => undefined)
    return run
  }

  /**
   * Classifies files (a catalogue image's stored embedding is used when current; anything else is embedded on the fly
   * and not added) or catalogue images; with neither, every indexed image, whose stored predictions are refreshed too.
   */
  async predict(request: { paths?: string[]; imageIds?: number[] }): Promise<PredictedItem[]> {
    const { summary, network } = requireActiveClassifier(this.store, this.embedder.modelId)
    if (!request.paths && !request.imageIds) {
      await this.refresh('all')
      return this.db
        .prepare(
          `SELECT p.image_id AS imageId, i.path, p.label, p.confidence, p.margin FROM predictions p
           JOIN images i ON i.id = p.image_id ORDER BY i.path`,
        )
        .all() as PredictedItem[]
    }
    const items: { path: string; imageId: number | null; contentHash: string | null }[] = []
    for (const path of request.paths ?? []) {
      const absolute = resolve(path)
      const imageId = this.catalog.pathOwner(absolute) ?? null
      const contentHash = imageId === null ? null : (this.catalog.findById(imageId)?.contentHash ?? null)
      items.push({ path: absolute, imageId, contentHash })
    }
    if (request.imageIds) {
      const found = this.catalog.summariesOf(request.imageIds)
      if (found.length !== new Set(request.imageIds).size) throw new ApiError('not_found', 'Some of those images are not in this catalogue.')
      for (const image of found) items.push({ path: image.path, imageId: image.id, contentHash: this.catalog.findById(image.id)?.contentHash ?? null })
    }
    const stored = this.db.prepare('SELECT vector FROM embeddings WHERE model_id = ? AND image_id = ? AND content_hash = ?')
    const vectors: Float32Array[] = []
    for (const item of items) {
      const row = item.imageId === null ? undefined : (stored.get(summary.backbone, item.imageId, item.contentHash) as { vector: Buffer } | undefined)
      if (row) {
        vectors.push(toFloat32(row.vector))
        continue
      }
      try {
        vectors.push(await this.embedder.embedOne(item.path))
      } catch (error) {
        if (error instanceof ApiError) throw error
        throw new ApiError('bad_request', `Cannot classify ${item.path}: ${(error as Error).message}`)
      }
    }
    if (items.length === 0) return []
    const worker = await this.worker.start()
    const top = await classify(worker, network, vectors, summary.classes.length)
    return items.map((item, index) => ({
      path: item.path,
      imageId: item.imageId,
      label: summary.classes[top[index]!.index]!,
      confidence: top[index]!.confidence,
      margin: top[index]!.margin,
    }))
  }

  /**
   * Tags each image with its predicted class. Its other tags that are classes of the active classifier are replaced
   * (an image has one class); tags outside the classifier's classes stay. Each image's change is one undo step. The
   * images become 'labelled'.
   */
  accept(imageIds: number[]): number {
    const { summary } = requireActiveClassifier(this.store, this.embedder.modelId)
    const classes = new Set(summary.classes)
    const predictions = this.store.predictionsOf(imageIds)
    const missing = imageIds.filter((id) => !predictions.has(id))
    if (missing.length > 0) throw new ApiError('not_found', `No prediction for image ${missing.slice(0, 5).join(', ')}: index it first.`)
    // One user action, one transaction (one disk sync) and one change event, however many images it tags.
    return this.events.batch(() =>
      this.db.transaction(() => {
        let changed = 0
        for (const id of imageIds) {
          const before = this.annotations.get(id).tags
          const after = [...before.filter((tag) => !classes.has(tag)), predictions.get(id)!.label]
          const result = this.annotations.setTags(id, after)
          if (result.tags.join('\n') !== before.join('\n')) changed++
        }
        this.markLabelled(imageIds)
        return changed
      })(),
    )
  }

  /**
   * Accepting a prediction is labelling the image, so its review status says so; an image already reviewed keeps that
   * (it is not sent back a step). Through the catalogue service, which announces the change.
   */
  private markLabelled(imageIds: number[]): void {
    const pending = this.db
      .prepare(`SELECT id FROM images WHERE id IN (SELECT value FROM json_each(?)) AND status NOT IN ('labelled', 'reviewed')`)
      .pluck()
      .all(JSON.stringify(imageIds)) as number[]
    if (pending.length > 0) this.catalog.setStatus(pending, 'labelled')
  }

  /** Waits for a refresh under way; later ones do nothing. */
  async close(): Promise<void> {
    this.closed = true
    await this.refreshing.catch(() => undefined)
  }

  private async refreshNow(mode: 'all' | 'missing'): Promise<number> {
    if (this.closed) return 0
    const activeId = this.store.activeId()
    if (activeId === null) {
      if (mode === 'all' && this.store.predictionCount() > 0) this.store.clearPredictions()
      return 0
    }
    const { summary, network } = this.store.load(activeId)
    if (summary.samples !== 'images') {
      // A box classifier names crops, not whole images: it gives no image-level predictions.
      if (mode === 'all') this.store.clearPredictions()
      return 0
    }
    const worker = await this.worker.start()
    const rows: PredictionRow[] = []
    let after = 0
    const select = this.db.prepare(
      `SELECT e.image_id AS id, e.vector, i.content_hash AS contentHash FROM embeddings e
       JOIN images i ON i.id = e.image_id AND i.content_hash = e.content_hash
       WHERE e.model_id = @backbone AND e.image_id > @after
         AND (@all OR NOT EXISTS (SELECT 1 FROM predictions p WHERE p.image_id = e.image_id AND p.classifier_id = @classifier
                                  AND p.content_hash = e.content_hash))
       ORDER BY e.image_id LIMIT @limit`,
    )
    for (;;) {
      const chunk = select.all({ backbone: summary.backbone, after, all: mode === 'all' ? 1 : 0, classifier: activeId, limit: PREDICT_CHUNK }) as {
        id: number
        vector: Buffer
        contentHash: string
      }[]
      if (chunk.length === 0) break
      after = chunk.at(-1)!.id
      const vectors = chunk.map((row) => toFloat32(row.vector))
      const top = await classify(worker, network, vectors, summary.classes.length)
      chunk.forEach((row, index) => {
        const best = top[index]!
        rows.push({ imageId: row.id, contentHash: row.contentHash, label: summary.classes[best.index]!, confidence: best.confidence, margin: best.margin })
      })
    }
    if (this.store.activeId() !== activeId) return 0
    if (mode === 'all') this.store.replacePredictions(activeId, rows)
    else this.store.upsertPredictions(activeId, rows)
    if (mode === 'all' || rows.length > 0) {
      this.queues.rank(summary.backbone)
      this.events.emit('training.changed', { reason: 'predictions' })
    }
    return rows.length
  }
}

/** The most probable class of each embedding, with its confidence and its margin over the runner-up. */
async function classify(worker: TrainingWorker, network: Network, vectors: Float32Array[], classes: number) {
  const dimension = network.layers[0]!.inputs
  const x = new Float32Array(vectors.length * dimension)
  vectors.forEach((vector, index) => {
    if (vector.length !== dimension) {
      throw new ApiError('conflict', `The classifier takes ${dimension}-d embeddings; this image's embedding is ${vector.length}-d.`)
    }
    x.set(vector, index * dimension)
  })
  const probabilities = await worker.predict(network, x, vectors.length)
  return topPredictions(probabilities, vectors.length, classes)
}
