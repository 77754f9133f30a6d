import type { PredictionQueue } from '../../../shared/api/schemas'

/**
 * The active classifier's work queues as SQL conditions on an image `i`, so the library's listing and counts
 * (catalog-service) and the training service's own queue methods select exactly the same images. Predictions only
 * ever belong to the active classifier (src/main/training keeps one row per image), so none are left to filter out.
 */

/** Unlabelled images (no tag, no box) that have a prediction: what `training.labelNext` orders. */
export const IN_LABEL_NEXT_QUEUE = `(i.missing = 0
  AND EXISTS (SELECT 1 FROM predictions q WHERE q.image_id = i.id)
  AND NOT EXISTS (SELECT 1 FROM image_labels il WHERE il.image_id = i.id)
  AND NOT EXISTS (SELECT 1 FROM boxes b WHERE b.image_id = i.id))`

/**
 * Images tagged with a class of the active classifier whose prediction, at least @errorConfidence sure, is a class
 * the image is not tagged with.
 */
export const IN_LABEL_ERRORS_QUEUE = `(i.missing = 0 AND i.id IN (
  SELECT q.image_id FROM predictions q
  WHERE q.confidence >= @errorConfidence
    AND EXISTS (SELECT 1 FROM image_labels il JOIN labels l ON l.id = il.label_id
                WHERE il.image_id = q.image_id
                  AND l.name IN (SELECT value FROM json_each((SELECT classes FROM classifiers WHERE active = 1))))
    AND NOT EXISTS (SELECT 1 FROM image_labels il JOIN labels l ON l.id = il.label_id
                    WHERE il.image_id = q.image_id AND l.name = q.label)))`

export const QUEUE_CONDITIONS: Record<PredictionQueue, string> = {
  labelNext: IN_LABEL_NEXT_QUEUE,
  labelErrors: IN_LABEL_ERRORS_QUEUE,
}

/**
 * Each queue's own order. The label-next queue follows the rank stored when predictions were last refreshed
 * (the training feature's QueueService ranks the first few hundred greedily for diversity), then the rest by margin, smallest (most
 * uncertain) first; possible label errors come most confident first.
 */
export const QUEUE_ORDER: Record<PredictionQueue, string> = {
  labelNext: `coalesce((SELECT q.queue_rank FROM predictions q WHERE q.image_id = i.id), 9223372036854775807),
              (SELECT q.margin FROM predictions q WHERE q.image_id = i.id), i.id`,
  labelErrors: '(SELECT q.confidence FROM predictions q WHERE q.image_id = i.id) DESC, i.id',
}
