import { ApiError } from '../../../shared/api/errors'
import type { DuplicateThreshold } from '../../../shared/api/schemas'
import { alteredCopies } from '../../engines/imaging'
import { dot } from '../../engines/ml/vectors'
import type { Db } from '../../platform/storage/database'
import type { CatalogService } from '../catalog'
import type { Embedder } from '../models'
import type { EmbeddingStore } from './embedding-store'

/** Catalogue images whose altered copies are embedded to calibrate a model: 3 copies each, ~1 s on onnxruntime. */
const SAMPLE_SIZE = 20
/** The share of copies allowed to fall below the threshold before the margin (the lowest of 60, in practice). */
const LOW_QUANTILE = 0.02
/** Room below the measured copies, for alterations a little stronger than the sample's. */
const MARGIN = 0.03
/** Bounds of the DuplicatesRequest threshold. */
const LOWEST_THRESHOLD = 0.5
const HIGHEST_THRESHOLD = 0.99

const settingKey = (modelId: string) => `duplicates.threshold.${modelId}`

/**
 * Each model's default near-duplicate candidate threshold: how similar, by this model's embedding, an image and its
 * re-encoded, halved and 5%-cropped copies still are, on images of this catalogue. Measured once per model and kept in
 * the workspace's settings, since the model and the kind of images (textures, photos, scans) both move it.
 */
export class DuplicateCalibration {
  private readonly running = new Map<string, Promise<DuplicateThreshold>>()

  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogService,
    private readonly store: EmbeddingStore,
    private readonly embedder: Embedder,
  ) {}

  /**
   * The model in use's threshold, calibrated on a spread of `indexedIds` the first time (and again while it was
   * measured on fewer images than the sample wants and twice as many are indexed now).
   */
  async threshold(indexedIds: ArrayLike<number>): Promise<DuplicateThreshold> {
    const modelId = this.embedder.modelId
    const stored = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(settingKey(modelId)) as string | undefined
    const kept = stored ? (JSON.parse(stored) as DuplicateThreshold) : null
    // One measured on a handful of images (the first ones indexed) is measured again once there are twice as many.
    if (kept && (kept.calibratedOn >= SAMPLE_SIZE || indexedIds.length < 2 * kept.calibratedOn)) return kept
    const running = this.running.get(modelId) ?? this.calibrate(modelId, indexedIds).finally(() => this.running.delete(modelId))
    this.running.set(modelId, running)
    return running
  }

  private async calibrate(modelId: string, indexedIds: ArrayLike<number>): Promise<DuplicateThreshold> {
    const similarities: number[] = []
    let calibratedOn = 0
    for (const imageId of spread(indexedIds, SAMPLE_SIZE)) {
      const image = this.catalog.findById(imageId)
      const original = this.store.vectorOf(modelId, imageId)
      if (!image || image.missing || !original) continue
      // An image that no longer reads is left out of the sample; the others still calibrate.
      const copies = await alteredCopies(image.path, image.frame).catch(() => null)
      if (!copies) continue
      for (const copy of copies) similarities.push(dot(original, await this.embedder.embedOne(copy)))
      calibratedOn++
    }
    if (this.embedder.modelId !== modelId) throw new ApiError('conflict', 'The model in use changed while calibrating; ask again.')
    similarities.sort((a, b) => a - b)
    const lowCopy = similarities[Math.floor(similarities.length * LOW_QUANTILE)] ?? HIGHEST_THRESHOLD
    const threshold = Math.min(HIGHEST_THRESHOLD, Math.max(LOWEST_THRESHOLD, lowCopy - MARGIN))
    const result: DuplicateThreshold = { modelId, threshold: Math.round(threshold * 1000) / 1000, calibratedOn, lowCopy }
    if (calibratedOn > 0) {
      this.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(settingKey(modelId), JSON.stringify(result))
    }
    return result
  }
}

/** Up to `count` of `ids`, evenly spread over them (so a catalogue imported folder by folder is sampled across). */
function spread(ids: ArrayLike<number>, count: number): number[] {
  if (ids.length <= count) return Array.from(ids)
  return Array.from({ length: count }, (_, i) => ids[Math.floor((i * ids.length) / count)]!)
}
