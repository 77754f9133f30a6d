import { auroc, confusionAt, rocCurve } from '../../engines/anomaly'
import { ApiError } from '../../../shared/api/errors'
import type { AnomalyEvaluateRequest, AnomalyEvaluation, EvaluatedImage } from '../../../shared/api/schemas'
import type { Db } from '../../platform/storage/database'
import type { AnomalyStore } from './anomaly-store'

/** The label taken as "good" when neither the request nor the version's learning names one. */
const DEFAULT_GOOD_LABEL = 'good'

/** Enough of the worst mistakes to see what they have in common, few enough to show at once. */
const WORST_SHOWN = 12

interface TruthRow {
  imageId: number
  path: string
  score: number | null
  role: 'bank' | 'held-out' | null
  good: 0 | 1
  defect: 0 | 1
}

/**
 * Every catalogue image with what a person said about it (the good label; another label or a box) and its score and
 * role under the version. Boxes count whatever the image's review status: drawing one is already a judgement.
 */
const TRUTH = `
  SELECT i.id AS imageId, i.path AS path, s.score AS score, r.role AS role,
         EXISTS (SELECT 1 FROM image_labels l WHERE l.image_id = i.id AND l.label_id = @good) AS good,
         (EXISTS (SELECT 1 FROM image_labels l WHERE l.image_id = i.id AND l.label_id <> @good)
           OR EXISTS (SELECT 1 FROM boxes b WHERE b.image_id = i.id)) AS defect
  FROM images i
  LEFT JOIN anomaly_model_images r ON r.model_id = @model AND r.image_id = i.id
  LEFT JOIN anomaly_scores s ON s.model_id = @model AND s.image_id = i.id
  ORDER BY i.id`

/** Judges a version's stored catalogue scores against the images' labels and boxes (see the contract's AnomalyEvaluation). */
export function evaluateAnomalyModel(db: Db, store: AnomalyStore, request: AnomalyEvaluateRequest): AnomalyEvaluation {
  const model = request.modelId === undefined ? store.inUse() : store.get(request.modelId)
  const learnt = store.learntFrom(model.id)
  if (!learnt.imagesRecorded) {
    throw new ApiError(
      'bad_request',
      `Anomaly model ${model.name} v${model.version} was learnt before Loupe kept which images it learnt from, so they cannot be left out of its evaluation: learn it again to evaluate it.`,
    )
  }
  const goodLabel = request.goodLabel ?? learnt.label ?? DEFAULT_GOOD_LABEL
  const label = db.prepare('SELECT id FROM labels WHERE name = ?').get(goodLabel) as { id: number } | undefined
  if (!label) {
    throw new ApiError('not_found', `There is no label "${goodLabel}": label the defect-free images "${goodLabel}", or choose the label your good images carry.`)
  }
  const threshold = request.threshold ?? model.threshold

  const leftOut = { bank: 0, unlabelled: 0, conflicting: 0, unscored: 0 }
  const conflictingImageIds: number[] = []
  const good: EvaluatedImage[] = []
  const defects: EvaluatedImage[] = []
  for (const row of db.prepare(TRUTH).iterate({ good: label.id, model: model.id }) as IterableIterator<TruthRow>) {
    if (row.role === 'bank') leftOut.bank++
    else if (!row.good && !row.defect) leftOut.unlabelled++
    else if (row.good && row.defect) {
      leftOut.conflicting++
      conflictingImageIds.push(row.imageId)
    } else if (row.score === null) leftOut.unscored++
    else (row.good ? good : defects).push({ imageId: row.imageId, path: row.path, score: row.score })
  }

  const goodScores = good.map((image) => image.score)
  const defectScores = defects.map((image) => image.score)
  return {
    model: { id: model.id, name: model.name, version: model.version, threshold: model.threshold },
    goodLabel,
    threshold,
    goodImages: good.length,
    defectImages: defects.length,
    leftOut,
    conflictingImageIds,
    auroc: auroc(goodScores, defectScores),
    roc: rocCurve(goodScores, defectScores),
    confusion: confusionAt(goodScores, defectScores, threshold),
    worstFalseAlarms: [...good].sort((a, b) => b.score - a.score || a.imageId - b.imageId).slice(0, WORST_SHOWN),
    worstMisses: [...defects].sort((a, b) => a.score - b.score || a.imageId - b.imageId).slice(0, WORST_SHOWN),
  }
}
