import { LabelNextRequest, type LabelErrorItem, type QueueItem } from '../../../shared/api/schemas'
import { diverseOrder } from '../../engines/learning/label-queue'
import type { Db } from '../../platform/storage/database'
import type { CatalogService } from '../catalog'
import { IN_LABEL_ERRORS_QUEUE, IN_LABEL_NEXT_QUEUE } from '../catalog'
import { leastSureImages, type UnsureImage } from '../detector'
import type { Embedder } from '../models'
import { requireActiveClassifier } from './active-classifier'
import type { ClassifierStore } from './classifier-store'
import { toFloat32 } from './samples'

/**
 * Images given a stored place in the label-next queue whenever predictions change, ordered as `training.labelNext`
 * with its default strategy and diversity would; the rest of the queue follows by uncertainty alone. A few hundred
 * is more than a labelling session gets through before the next training refreshes them, at a fraction of a second.
 */
const RANKED_IN_QUEUE = 200
const QUEUE_ORDERING = LabelNextRequest.parse({})

type QueueOrdering = { limit: number; strategy: 'least-confidence' | 'margin'; diversity: number }

/** The two work lists built on the active classifier's predictions: what to label next, and likely label errors. */
export class QueueService {
  constructor(
    private readonly db: Db,
    private readonly store: ClassifierStore,
    private readonly catalog: CatalogService,
    private readonly embedder: Embedder,
  ) {}

  /**
   * Unlabelled images (no tag, no box) ordered for labelling: greedily, the most uncertain prediction first, each next
   * pick penalised by its highest cosine similarity to the images already picked (see diverseOrder). Where the active
   * box detector has stored boxes, the images it is least sure about take every other place (or all of them, without
   * a classifier); the library's stored queue order (rank) stays the classifier's.
   */
  labelNext(request: QueueOrdering): QueueItem[] {
    const unsure = this.detectorItems(leastSureImages(this.db, request.limit))
    if (this.store.activeId() === null && unsure.length > 0) return unsure
    return alternate(this.classifierItems(request), unsure, request.limit)
  }

  /**
   * Images the active box detector is least sure about (see leastSureImages), as queue items: its best box's class and
   * score stand for the prediction.
   */
  private detectorItems(unsure: UnsureImage[]): QueueItem[] {
    const summaries = new Map(this.catalog.summariesOf(unsure.map((row) => row.imageId)).map((image) => [image.id, image]))
    return unsure.flatMap((row) => {
      const image = summaries.get(row.imageId)
      if (!image) return []
      return [{ ...image, predicted: { label: row.label, confidence: row.score, margin: row.score }, uncertainty: row.uncertainty, similarity: 0 }]
    })
  }

  private classifierItems(request: QueueOrdering): QueueItem[] {
    const { summary } = requireActiveClassifier(this.store, this.embedder.modelId)
    const ordered = this.order(summary.backbone, request)
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

  /** Images tagged with a class of the active classifier whose prediction, at least `minConfidence` sure, is another one. */
  labelErrors(request: { minConfidence: number; limit: number }): LabelErrorItem[] {
    // Refused, with the reason, without an active classifier that fits this workspace's embeddings.
    requireActiveClassifier(this.store, this.embedder.modelId)
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

  /**
   * Stores the label-next order of the queue's first images, which the library pages through (ImageFilter.queue);
   * called whenever the predictions change.
   */
  rank(backbone: string): void {
    this.store.setQueueRanks(this.order(backbone, { ...QUEUE_ORDERING, limit: RANKED_IN_QUEUE }).map((row) => row.imageId))
  }

  /** The first `limit` images of the label-next queue in order, from a pool of the most uncertain several times larger. */
  private order(backbone: string, request: QueueOrdering) {
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
}

/** The classifier's and the detector's picks taken in turn (the classifier's first), each image once, up to `limit`. */
function alternate(first: QueueItem[], second: QueueItem[], limit: number): QueueItem[] {
  const merged: QueueItem[] = []
  const seen = new Set<number>()
  for (let index = 0; merged.length < limit && (index < first.length || index < second.length); index++) {
    for (const item of [first[index], second[index]]) {
      if (item && !seen.has(item.id) && merged.length < limit) {
        seen.add(item.id)
        merged.push(item)
      }
    }
  }
  return merged
}
