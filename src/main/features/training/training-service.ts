import { resolve } from 'node:path'
import { ApiError } from '../../../shared/api/errors'
import {
  LabelNextRequest,
  type BoxSuggestion,
  type ClassifierDetail,
  type ClassifierSummary,
  type EpochMetrics,
  type ImageAnnotations,
  type LabelErrorItem,
  type PredictedItem,
  type QueueItem,
  type TrainingReadiness,
  type TrainingStatus,
  type TrainOptions,
} from '../../../shared/api/schemas'
import type { AnnotationService } from '../annotations'
import type { CatalogService } from '../catalog'
import { IN_LABEL_ERRORS_QUEUE, IN_LABEL_NEXT_QUEUE } from '../catalog'
import type { EventBus } from '../../platform/events/event-bus'
import type { Embedder } from '../models'
import type { Db } from '../../platform/storage/database'
import { ClassifierStore, type PredictionRow, type SampleKind } from './classifier-store'
import { DETECTOR_NAME, locateDetector } from '../../engines/learning/detector'
import { readLayersModel, writeLayersModel } from '../../engines/learning/layers-format'
import { diverseOrder } from '../../engines/learning/label-queue'
import { topPredictions } from '../../engines/learning/metrics'
import type { Network } from '../../engines/learning/network'
import { collectSamples, countNotIndexed, notEnoughData, readiness, toFloat32 } from './samples'
import { TrainingWorker } from '../../engines/learning/worker-client'

/** Rows sent to the worker per prediction call. */
const PREDICT_CHUNK = 4096
/**
 * Images given a stored place in the label-next queue whenever predictions change, ordered as `training.labelNext`
 * with its default strategy and diversity would; the rest of the queue follows by uncertainty alone. A few hundred
 * is more than a labelling session gets through before the next training refreshes them, at a fraction of a second.
 */
const RANKED_IN_QUEUE = 200
const QUEUE_ORDERING = LabelNextRequest.parse({})

/**
 * Everything about classifiers outside the training loop itself: versions (list, activate, export, import), the
 * active version's predictions (refreshed after training, on activation and when new images are indexed), what to
 * label next, likely label errors, and detector suggestions. The training and detector work runs in a worker
 * (TrainingWorker); this class only moves data and writes the catalogue.
 */
export class TrainingService {
  readonly store: ClassifierStore
  private worker: Promise<TrainingWorker> | null = null
  private refreshing: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogService,
    private readonly annotations: AnnotationService,
    private readonly embedder: Embedder,
    private readonly events: EventBus,
  ) {
    this.store = new ClassifierStore(db)
  }

  /** The worker for training and prediction, started on first use and kept; a failed start is not remembered. */
  startWorker(): Promise<TrainingWorker> {
    if (this.closed) return Promise.reject(new ApiError('conflict', 'The workspace is closing.'))
    this.worker ??= TrainingWorker.start()
    return this.worker.catch((error: unknown) => {
      this.worker = null
      throw error
    })
  }

  async status(): Promise<TrainingStatus> {
    const activeId = this.store.activeId()
    const detector = locateDetector()
    const predicted = this.store.predictionCount()
    const indexed = (
      this.db
        .prepare(
          `SELECT count(*) AS n FROM embeddings e JOIN images i ON i.id = e.image_id AND i.content_hash = e.content_hash
           WHERE e.model_id = ?`,
        )
        .get(this.embedder.modelId) as { n: number }
    ).n
    const { code: _code, ...ready } = this.readiness('images')
    return {
      active: activeId === null ? null : this.store.summary(activeId),
      versions: this.store.count(),
      predicted,
      unpredicted: activeId === null ? 0 : Math.max(0, indexed - predicted),
      readiness: ready,
      detector: { available: detector.problem === null, name: DETECTOR_NAME, problem: detector.problem },
    }
  }

  readiness(kind: SampleKind, classes?: readonly string[]): TrainingReadiness & { code: ReturnType<typeof readiness>['code'] } {
    const set = collectSamples(this.db, kind, classes)
    return readiness(set, kind, countNotIndexed(this.db, this.embedder.modelId, set.samples))
  }

  /** Refuses (typed ApiError 'conflict') when the labels cannot train a classifier; the job itself checks again. */
  checkCanTrain(options: TrainOptions): void {
    const check = this.readiness(options.samples, options.classes)
    if (!check.ready) throw notEnoughData(check)
  }

  curves(jobId: number): EpochMetrics[] {
    return this.store.epochs(jobId)
  }

  versions(): ClassifierSummary[] {
    return this.store.list()
  }

  version(id: number): ClassifierDetail {
    return this.store.detail(id)
  }

  /** Makes the version active and recomputes every prediction with it. */
  async activate(id: number): Promise<ClassifierSummary> {
    this.store.setActive(id)
    this.events.emit('training.changed', { reason: 'versions' })
    await this.refreshPredictions('all')
    return this.store.summary(id)
  }

  deleteVersion(id: number): void {
    const wasActive = this.store.activeId() === id
    this.store.remove(id)
    if (wasActive) {
      this.store.clearPredictions()
      this.events.emit('training.changed', { reason: 'predictions' })
    }
    this.events.emit('training.changed', { reason: 'versions' })
  }

  async exportVersion(id: number, dir: string): Promise<{ dir: string; files: string[] }> {
    const { network } = this.store.load(id)
    const out = resolve(dir)
    const files = await writeLayersModel(out, this.store.detail(id), network)
    return { dir: out, files }
  }

  /**
   * Reads an exported folder back as a new (inactive) version. TensorFlow.js loads the folder as a layers model in the
   * worker and must give the same probabilities as Loupe's own forward pass on a few probe inputs, so a folder that
   * would predict differently is refused.
   */
  async importVersion(dir: string): Promise<ClassifierSummary> {
    const read = await readLayersModel(resolve(dir))
    const { manifest, network } = read
    const worker = await this.startWorker()
    const inputs = network.layers[0]!.inputs
    const probe = new Float32Array(inputs * 4)
    for (let i = 0; i < probe.length; i++) probe[i] = Math.abs(Math.sin(i * 12.9898)) / Math.sqrt(inputs)
    const ours = await worker.predict(network, probe.slice(), 4)
    let theirs: Float32Array
    try {
      theirs = await worker.layersPredict(read.modelJson, [read.weights], probe.slice(), 4)
    } catch (error) {
      throw new ApiError('bad_request', `TensorFlow.js cannot load ${dir} as a layers model: ${(error as Error).message}`)
    }
    const worst = ours.reduce((max, value, index) => Math.max(max, Math.abs(value - theirs[index]!)), 0)
    if (!(worst < 1e-4)) throw new ApiError('bad_request', `${dir}: TensorFlow.js and Loupe disagree on this model (by ${worst}).`)
    const id = this.store.insert({
      origin: 'imported',
      backbone: manifest.backbone.id,
      samples: manifest.samples === 'boxes' ? 'boxes' : 'images',
      classes: manifest.classes,
      trainCount: manifest.source?.trainCount ?? 0,
      valCount: manifest.source?.valCount ?? 0,
      epochs: manifest.source?.epochs ?? 0,
      bestEpoch: manifest.source?.bestEpoch ?? 0,
      stoppedBy: 'imported',
      valAccuracy: manifest.source?.valAccuracy ?? null,
      seconds: manifest.source?.seconds ?? 0,
      options: { ...(manifest.options ?? {}), importedFrom: resolve(dir) },
      counts: manifest.counts ?? {},
      metrics: manifest.metrics ?? null,
      curves: manifest.curves ?? [],
      network,
      jobId: null,
    })
    this.events.emit('training.changed', { reason: 'versions' })
    return this.store.summary(id)
  }

  /**
   * Predictions of the active version for every indexed image ('all', replacing what was there) or only for images
   * without a current one ('missing'). Runs one refresh at a time; resolves to the number of images predicted.
   */
  refreshPredictions(mode: 'all' | 'missing'): Promise<number> {
    const run = this.refreshing.then(() => this.refreshNow(mode))
    this.refreshing = run.catch(() => undefined)
    return run
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
    const worker = await this.startWorker()
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
      const top = await this.classify(worker, network, vectors, summary.classes.length)
      chunk.forEach((row, index) => {
        const best = top[index]!
        rows.push({ imageId: row.id, contentHash: row.contentHash, label: summary.classes[best.index]!, confidence: best.confidence, margin: best.margin })
      })
    }
    if (this.store.activeId() !== activeId) return 0
    if (mode === 'all') this.store.replacePredictions(activeId, rows)
    else this.store.upsertPredictions(activeId, rows)
    if (mode === 'all' || rows.length > 0) {
      this.rankQueue(summary.backbone)
      this.events.emit('training.changed', { reason: 'predictions' })
    }
    return rows.length
  }

  private async classify(worker: TrainingWorker, network: Network, vectors: Float32Array[], classes: number) {
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

  private active(): { summary: ClassifierSummary; network: Network } {
    const id = this.store.activeId()
    if (id === null) {
      throw new ApiError('conflict', 'There is no classifier yet: train one first (Train in the app, or "loupe train").')
    }
    const loaded = this.store.load(id)
    if (loaded.summary.backbone !== this.embedder.modelId) {
      throw new ApiError(
        'conflict',
        `The active classifier takes embeddings from "${loaded.summary.backbone}", but this workspace embeds with "${this.embedder.modelId}".`,
      )
    }
    return loaded
  }

  /**
   * Classifies files (a catalogue image's stored embedding is used when current; anything else is embedded on the fly
   * and not added) or catalogue images; with neither, every indexed image, whose stored predictions are refreshed too.
   */
  async predict(request: { paths?: string[]; imageIds?: number[] }): Promise<PredictedItem[]> {
    const { summary, network } = this.active()
    if (!request.paths && !request.imageIds) {
      await this.refreshPredictions('all')
      const rows = this.db
        .prepare(
          `SELECT p.image_id AS imageId, i.path, p.label, p.confidence, p.margin FROM predictions p
           JOIN images i ON i.id = p.image_id ORDER BY i.path`,
        )
        .all() as PredictedItem[]
      return rows
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
    const worker = await this.startWorker()
    const top = await this.classify(worker, network, vectors, summary.classes.length)
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
   * (an image has one class); tags outside the classifier's classes stay. Each image's change is one undo step.
   */
  acceptPredictions(imageIds: number[]): number {
    const { summary } = this.active()
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
        return changed
      })(),
    )
  }

  /**
   * Unlabelled images (no tag, no box) ordered for labelling: greedily, the most uncertain prediction first, each next
   * pick penalised by its highest cosine similarity to the images already picked (see diverseOrder).
   */
  labelNext(request: { limit: number; strategy: 'least-confidence' | 'margin'; diversity: number }): QueueItem[] {
    const { summary } = this.active()
    const ordered = this.orderQueue(summary.backbone, request)
    const summaries = new Map(this.catalog.summariesOf(ordered.map((row) => row.imageId)).map((image) => [image.id, image]))
    return ordered.flatMap((row) => {
      const image = summaries.get(row.imageId)
      if (!image) return []
      return [
        {
          ...image,
          predicted: { label: row.label, confidence: row.confidence, margin: row.margin },
          uncertainty: row.uncertainty,
          similarity: row.similarity,
        },
      ]
    })
  }

  /** The first `limit` images of the label-next queue in order, from a pool of the most uncertain several times larger. */
  private orderQueue(backbone: string, request: { limit: number; strategy: 'least-confidence' | 'margin'; diversity: number }) {
    const pool = Math.min(5000, Math.max(request.limit * 8, 200))
    const order = request.strategy === 'margin' ? 'p.margin' : 'p.confidence'
    const candidates = this.db
      .prepare(
        `SELECT p.image_id AS imageId, p.label, p.confidence, p.margin, e.vector FROM predictions p
         JOIN images i ON i.id = p.image_id
         JOIN embeddings e ON e.model_id = @backbone AND e.image_id = p.image_id
         WHERE ${IN_LABEL_NEXT_QUEUE}
         ORDER BY ${order} ASC, p.image_id LIMIT @pool`,
      )
      .all({ backbone, pool }) as { imageId: number; label: string; confidence: number; margin: number; vector: Buffer }[]
    const uncertainty = candidates.map((row) => (request.strategy === 'margin' ? 1 - row.margin : 1 - row.confidence))
    const vectors = candidates.map((row) => toFloat32(row.vector))
    return diverseOrder(uncertainty, vectors, request.diversity, request.limit).map(({ index, similarity }) => {
      const { vector: _vector, ...row } = candidates[index]!
      return { ...row, uncertainty: uncertainty[index]!, similarity }
    })
  }

  /** Stores the label-next order of the queue's first images, which the library pages through (ImageFilter.queue). */
  private rankQueue(backbone: string): void {
    this.store.setQueueRanks(this.orderQueue(backbone, { ...QUEUE_ORDERING, limit: RANKED_IN_QUEUE }).map((row) => row.imageId))
  }

  /** Images tagged with a class of the active classifier whose prediction, at least `minConfidence` sure, is another one. */
  labelErrors(request: { minConfidence: number; limit: number }): LabelErrorItem[] {
    // Refused, with the reason, without an active classifier that fits this workspace's embeddings.
    this.active()
    const rows = this.db
      .prepare(
        `SELECT p.image_id AS imageId, p.label, p.confidence, p.margin FROM predictions p JOIN images i ON i.id = p.image_id
         WHERE ${IN_LABEL_ERRORS_QUEUE}
         ORDER BY p.confidence DESC, p.image_id LIMIT @limit`,
      )
      .all({ errorConfidence: request.minConfidence, limit: request.limit }) as {
      imageId: number
      label: string
      confidence: number
      margin: number
    }[]
    const summaries = new Map(this.catalog.summariesOf(rows.map((row) => row.imageId)).map((image) => [image.id, image]))
    return rows.flatMap((row) => {
      const image = summaries.get(row.imageId)
      return image ? [{ ...image, predicted: { label: row.label, confidence: row.confidence, margin: row.margin } }] : []
    })
  }

  suggestions(imageId: number, includeDecided: boolean, minScore: number): BoxSuggestion[] {
    this.catalog.getImage(imageId)
    return this.store.suggestions(imageId, includeDecided, minScore)
  }

  /** Each pending suggestion becomes a box through the annotation service (one undo step each). */
  acceptSuggestions(imageId: number, ids: number[], label?: string): ImageAnnotations {
    return this.events.batch(() => {
      const state = this.db.transaction(() => {
        let state = this.annotations.get(imageId)
        for (const suggestion of this.store.suggestionsById(imageId, ids)) {
          if (suggestion.state !== 'pending') continue
          const before = new Set(state.boxes.map((box) => box.id))
          state = this.annotations.addBox(imageId, label ?? suggestion.label, {
            x: suggestion.x,
            y: suggestion.y,
            width: suggestion.width,
            height: suggestion.height,
          })
          const added = state.boxes.find((box) => !before.has(box.id))
          this.store.decide(suggestion.id, 'accepted', added?.id ?? null)
        }
        return state
      })()
      this.events.emit('training.changed', { reason: 'suggestions' })
      return state
    })
  }

  rejectSuggestions(imageId: number, ids: number[]): void {
    for (const suggestion of this.store.suggestionsById(imageId, ids)) {
      if (suggestion.state === 'pending') this.store.decide(suggestion.id, 'rejected', null)
    }
    this.events.emit('training.changed', { reason: 'suggestions' })
  }

  async close(): Promise<void> {
    this.closed = true
    await this.refreshing.catch(() => undefined)
    const worker = this.worker
    this.worker = null
    if (worker) await (await worker.catch(() => null))?.close()
  }
}
