import { AnomalyError, mapAnomaly, mapLevels, scoreAnomalies, shrinkMap, type AnomalyModel, type AnomalyWorkOptions, type ImageAnomaly } from '../../engines/anomaly'
import { ImagingError } from '../../engines/imaging'
import type { EmbeddingEngine } from '../../engines/ml'
import { ApiError } from '../../../shared/api/errors'
import type { AnomalyEvaluateRequest, AnomalyEvaluation, AnomalyFitRequest, AnomalyHeatmap, AnomalyHeatmapRequest, AnomalyModelSummary, AnomalyScore, AnomalyScoreRequest } from '../../../shared/api/schemas'
import type { EventBus } from '../../platform/events/event-bus'
import type { Db } from '../../platform/storage/database'
import type { Embedder } from '../models'
import { evaluateAnomalyModel } from './anomaly-evaluation'
import type { AnomalyStore } from './anomaly-store'

/** Good images to learn from, resolved from a request: catalogue images (with their ids) or outside files. */
export interface GoodImages {
  paths: string[]
  /** Where they came from, for the job's title. */
  source: { kind: 'files' | 'chosen'; count: number } | { kind: 'label'; label: string }
  /** The label they were chosen by, if they were. */
  labelId: number | null
}

/** Scores images with anomaly models and keeps the catalogue's scores; emits 'anomaly.changed' when they change. */
export class AnomalyService {
  constructor(
    private readonly db: Db,
    readonly store: AnomalyStore,
    private readonly embedder: Embedder,
    private readonly events: EventBus,
  ) {}

  models(): AnomalyModelSummary[] {
    return this.store.list()
  }

  /**
   * The request's good images; refused before a job starts when a label or image id does not exist. Files are taken in
   * the order given; a label's or a selection's images in the order of their paths: the held-out split is seeded over
   * the order, so the same images make the same model however they were clicked or numbered by an import.
   */
  goodImages(request: AnomalyFitRequest): GoodImages {
    if (request.paths) return { paths: request.paths, source: { kind: 'files', count: request.paths.length }, labelId: null }
    if (request.label !== undefined) {
      const label = this.db.prepare('SELECT id FROM labels WHERE name = ?').get(request.label) as { id: number } | undefined
      if (!label) throw new ApiError('not_found', `There is no label "${request.label}": label the good images first, or give their paths.`)
      const rows = this.db
        .prepare('SELECT i.path FROM images i JOIN image_labels l ON l.image_id = i.id WHERE l.label_id = ?')
        .all(label.id) as Array<{ path: string }>
      return { paths: rows.map((row) => row.path).sort(), source: { kind: 'label', label: request.label }, labelId: label.id }
    }
    const ids = request.imageIds ?? []
    const paths = ids.map((id) => {
      const row = this.db.prepare('SELECT path FROM images WHERE id = ?').get(id) as { path: string } | undefined
      if (!row) throw new ApiError('not_found', `There is no image ${id} in the catalogue.`)
      return row.path
    })
    return { paths: paths.sort(), source: { kind: 'chosen', count: ids.length }, labelId: null }
  }

  /** Scores files with a model, or gives the catalogue's stored scores when no files are given. */
  async score(request: AnomalyScoreRequest): Promise<AnomalyScore[]> {
    const summary = this.store.inUse(request.name)
    const threshold = request.threshold ?? summary.threshold
    if (!request.paths) return this.store.scores(summary.id, threshold)
    const model = await this.store.open(summary.id)
    const engines = await this.enginesOf(model)
    const ids = this.imageIdsOf(request.paths)
    const scored = await inWords(() => scoreAnomalies(model, engines, request.paths!, { threshold }))
    return scored.map((image) => ({ path: image.path, imageId: ids.get(image.path) ?? null, score: image.score, anomalous: image.anomalous, regions: image.regions }))
  }

  /** One catalogue image's anomaly map, computed now: a grid small enough to send at every step through images. */
  async heatmap(request: AnomalyHeatmapRequest): Promise<AnomalyHeatmap> {
    const summary = request.modelId === undefined ? this.store.inUse() : this.store.get(request.modelId)
    const image = this.db.prepare('SELECT path FROM images WHERE id = ?').get(request.imageId) as { path: string } | undefined
    if (!image) throw new ApiError('not_found', `There is no image ${request.imageId} in the catalogue.`)
    // At the version's threshold as saved (a person may have moved it since it was learnt), as the library shows it.
    const model = { ...(await this.store.open(summary.id)), threshold: summary.threshold }
    const engines = await this.enginesOf(model)
    const mapped = await inWords(async () => {
      try {
        return await mapAnomaly(model, engines, image.path)
      } catch (error) {
        // The engine's sentence does not say which file: the person needs to know where to look.
        if (error instanceof ImagingError) throw new ApiError('bad_request', `The file of this image cannot be read (${error.reason}): ${image.path}`)
        throw error
      }
    })
    const grid = shrinkMap(mapped.map, HEATMAP_MAX_SIDE)
    // The byte range spans up to the score or the threshold, whichever is higher, so 1.0 (the threshold) always fits;
    // a threshold of 0 flags everything, and the scale is kept finite by counting it as a sliver above 0.
    const top = Math.max(mapped.score, model.threshold)
    const unit = Math.max(model.threshold, top * 1e-6)
    return {
      imageId: request.imageId,
      modelId: summary.id,
      imageWidth: mapped.width,
      imageHeight: mapped.height,
      gridWidth: grid.width,
      gridHeight: grid.height,
      levels: Buffer.from(mapLevels(grid, top)).toString('base64'),
      scale: top / unit / 255,
      threshold: model.threshold,
      score: mapped.score,
      anomalous: mapped.anomalous,
      regions: mapped.regions,
    }
  }

  /** Scores every catalogue image of the model's colour kind with it and stores the scores; returns how many. */
  async scoreCatalogue(modelId: number, options: AnomalyWorkOptions): Promise<number> {
    const model = await this.store.open(modelId)
    const engines = await this.enginesOf(model)
    const images = this.db.prepare('SELECT id, path FROM images ORDER BY id').all() as Array<{ id: number; path: string }>
    let stored = 0
    try {
      for (let start = 0; start < images.length; start += CATALOGUE_BATCH) {
        options.signal?.throwIfAborted()
        const batch = images.slice(start, start + CATALOGUE_BATCH)
        const scored = await scoreEach(model, engines, batch.map((image) => image.path))
        const kept = batch.flatMap((image, index) => (scored[index] ? [{ imageId: image.id, anomaly: scored[index] }] : []))
        this.store.saveScores(modelId, kept)
        stored += kept.length
        options.onProgress?.(start + batch.length, images.length)
      }
    } finally {
      // Also when stopped part way: the new version and the scores made so far are kept.
      this.events.emit('anomaly.changed', { modelId })
    }
    return stored
  }

  evaluate(request: AnomalyEvaluateRequest): AnomalyEvaluation {
    return evaluateAnomalyModel(this.db, this.store, request)
  }

  catalogueSize(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM images').get() as { n: number }).n
  }

  async remove(id: number): Promise<void> {
    await this.store.remove(id)
    this.events.emit('anomaly.changed', { modelId: id })
  }

  setActive(id: number): AnomalyModelSummary {
    const summary = this.store.setActive(id)
    this.events.emit('anomaly.changed', { modelId: id })
    return summary
  }

  setThreshold(id: number, threshold: number): AnomalyModelSummary {
    const summary = this.store.setThreshold(id, threshold)
    this.events.emit('anomaly.changed', { modelId: id })
    return summary
  }

  /** The inference workers of the model's backbones, in the order of its members. */
  private async enginesOf(model: AnomalyModel): Promise<EmbeddingEngine[]> {
    const running = await this.embedder.startEach(model.members.map((member) => member.backbone.modelId))
    return running.map(({ engine }) => engine)
  }

  private imageIdsOf(paths: readonly string[]): Map<string, number> {
    const find = this.db.prepare('SELECT id FROM images WHERE path = ?')
    const ids = new Map<string, number>()
    for (const path of paths) {
      const row = find.get(path) as { id: number } | undefined
      if (row) ids.set(path, row.id)
    }
    return ids
  }
}

const CATALOGUE_BATCH = 16
/** A 224² model input becomes 112² cells: 12 kB of bytes, finer than the smoothed map's detail. */
const HEATMAP_MAX_SIDE = 112

/**
 * The batch's scores; when one picture cannot be scored (the other colour kind than the model's, missing or unreadable
 * on disk) each is scored alone, and those that fail keep no score (null) while the rest go on.
 */
async function scoreEach(model: AnomalyModel, engines: readonly EmbeddingEngine[], paths: string[]): Promise<Array<ImageAnomaly | null>> {
  try {
    return await scoreAnomalies(model, engines, paths)
  } catch (error) {
    if (!unscorable(error)) throw error
  }
  const results: Array<ImageAnomaly | null> = []
  for (const path of paths) {
    try {
      results.push((await scoreAnomalies(model, engines, [path]))[0]!)
    } catch (error) {
      if (!unscorable(error)) throw error
      results.push(null)
    }
  }
  return results
}

function unscorable(error: unknown): boolean {
  return error instanceof ImagingError || (error instanceof AnomalyError && error.code === 'mixed-channels')
}

/** The engine's refusals as the contract's: a request a person can correct. */
export async function inWords<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof AnomalyError) throw new ApiError('bad_request', error.message)
    if (error instanceof ImagingError) throw new ApiError('bad_request', error.message)
    throw error
  }
}
