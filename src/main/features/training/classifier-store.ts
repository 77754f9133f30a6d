import { classifierName } from '../../engines/learning/names'
import { ApiError } from '../../../shared/api/errors'
import type {
  BoxSuggestion,
  ClassifierDetail,
  ClassifierMetrics,
  ClassifierSummary,
  EpochMetrics,
  TRAINING_SAMPLES,
} from '../../../shared/api/schemas'
import { LabelSource } from '../../../shared/api/schemas'
import type { Db } from '../../platform/storage/database'
import { decodeNetwork, encodeNetwork, type Network } from '../../engines/learning/network'

export type SampleKind = (typeof TRAINING_SAMPLES)[number]

export interface NewClassifier {
  origin: 'trained' | 'imported'
  backbone: string
  samples: SampleKind
  classes: string[]
  trainCount: number
  valCount: number
  epochs: number
  bestEpoch: number
  stoppedBy: ClassifierSummary['stoppedBy']
  valAccuracy: number | null
  seconds: number
  options: Record<string, unknown>
  counts: Record<string, { train: number; val: number }>
  metrics: ClassifierMetrics | null
  curves: EpochMetrics[]
  network: Network
  jobId: number | null
}

export interface StoredClassifier {
  summary: ClassifierSummary
  network: Network
}

interface ClassifierRow {
  id: number
  created_at: string
  origin: 'trained' | 'imported'
  backbone_id: string
  samples: SampleKind
  classes: string
  train_count: number
  val_count: number
  epochs: number
  best_epoch: number
  stopped_by: ClassifierSummary['stoppedBy']
  val_accuracy: number | null
  seconds: number
  options: string
  /** options.labels, read out by SQL: the label source the version trained with. */
  labels: string | null
  counts: string
  metrics: string | null
  curves: string
  weights: Buffer
  active: number
}

const SUMMARY_COLUMNS = `id, created_at, origin, backbone_id, samples, classes, train_count, val_count, epochs, best_epoch,
  stopped_by, val_accuracy, seconds, active, json_extract(options, '$.labels') AS labels`
const ALL_COLUMNS = `*, json_extract(options, '$.labels') AS labels`

export interface PredictionRow {
  imageId: number
  contentHash: string
  label: string
  confidence: number
  margin: number
}

/** Classifier versions, per-epoch curves, predictions and box suggestions in the catalogue (migration 5). */
export class ClassifierStore {
  constructor(private readonly db: Db) {}

  insert(version: NewClassifier): number {
    const result = this.db
      .prepare(
        `INSERT INTO classifiers (created_at, origin, backbone_id, samples, classes, train_count, val_count, epochs, best_epoch,
           stopped_by, val_accuracy, seconds, options, counts, metrics, curves, weights, job_id)
         VALUES (@createdAt, @origin, @backbone, @samples, @classes, @trainCount, @valCount, @epochs, @bestEpoch,
           @stoppedBy, @valAccuracy, @seconds, @options, @counts, @metrics, @curves, @weights, @jobId)`,
      )
      .run({
        createdAt: new Date().toISOString(),
        origin: version.origin,
        backbone: version.backbone,
        samples: version.samples,
        classes: JSON.stringify(version.classes),
        trainCount: version.trainCount,
        valCount: version.valCount,
        epochs: version.epochs,
        bestEpoch: version.bestEpoch,
        stoppedBy: version.stoppedBy,
        valAccuracy: version.valAccuracy,
        seconds: version.seconds,
        options: JSON.stringify(version.options),
        counts: JSON.stringify(version.counts),
        metrics: version.metrics === null ? null : JSON.stringify(version.metrics),
        curves: JSON.stringify(version.curves),
        weights: encodeNetwork(version.network),
        jobId: version.jobId,
      })
    return Number(result.lastInsertRowid)
  }

  list(): ClassifierSummary[] {
    const rows = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM classifiers ORDER BY id DESC`).all() as ClassifierRow[]
    return rows.map(toSummary)
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM classifiers').get() as { n: number }).n
  }

  summary(id: number): ClassifierSummary {
    return toSummary(this.row(id, SUMMARY_COLUMNS))
  }

  detail(id: number): ClassifierDetail {
    const row = this.row(id, ALL_COLUMNS)
    return {
      ...toSummary(row),
      options: JSON.parse(row.options) as Record<string, unknown>,
      counts: JSON.parse(row.counts) as ClassifierDetail['counts'],
      metrics: row.metrics === null ? null : (JSON.parse(row.metrics) as ClassifierMetrics),
      curves: JSON.parse(row.curves) as EpochMetrics[],
    }
  }

  load(id: number): StoredClassifier {
    const row = this.row(id, ALL_COLUMNS)
    return { summary: toSummary(row), network: decodeNetwork(row.weights) }
  }

  activeId(): number | null {
    return (this.db.prepare('SELECT id FROM classifiers WHERE active = 1').get() as { id: number } | undefined)?.id ?? null
  }

  /** Marks the version active; its predictions are written separately (replacePredictions). */
  setActive(id: number): void {
    this.row(id, 'id')
    this.db.transaction(() => {
      this.db.prepare('UPDATE classifiers SET active = 0 WHERE active = 1 AND id <> ?').run(id)
      this.db.prepare('UPDATE classifiers SET active = 1 WHERE id = ?').run(id)
    })()
  }

  remove(id: number): void {
    this.row(id, 'id')
    this.db.prepare('DELETE FROM classifiers WHERE id = ?').run(id)
  }

  // Curves of a running job.

  saveEpoch(jobId: number, epoch: EpochMetrics): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO training_epochs (job_id, epoch, train_loss, train_accuracy, val_loss, val_accuracy, elapsed)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(jobId, epoch.epoch, epoch.trainLoss, epoch.trainAccuracy, epoch.valLoss, epoch.valAccuracy, epoch.elapsed)
  }

  clearEpochs(jobId: number): void {
    this.db.prepare('DELETE FROM training_epochs WHERE job_id = ?').run(jobId)
  }

  epochs(jobId: number): EpochMetrics[] {
    return this.db
      .prepare(
        `SELECT epoch, train_loss AS trainLoss, train_accuracy AS trainAccuracy, val_loss AS valLoss,
                val_accuracy AS valAccuracy, elapsed
         FROM training_epochs WHERE job_id = ? ORDER BY epoch`,
      )
      .all(jobId) as EpochMetrics[]
  }

  // Predictions of the active version.

  /** Replaces every prediction with these, all made by `classifierId` (one transaction). */
  replacePredictions(classifierId: number, rows: PredictionRow[]): void {
    const insert = this.db.prepare(
      `INSERT INTO predictions (image_id, classifier_id, content_hash, label, confidence, margin, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    const stamp = new Date().toISOString()
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM predictions').run()
      for (const row of rows) insert.run(row.imageId, classifierId, row.contentHash, row.label, row.confidence, row.margin, stamp)
    })()
  }

  /** Adds or updates predictions of `classifierId` (for images indexed since), keeping the others. */
  upsertPredictions(classifierId: number, rows: PredictionRow[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO predictions (image_id, classifier_id, content_hash, label, confidence, margin, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (image_id) DO UPDATE SET classifier_id = excluded.classifier_id, content_hash = excluded.content_hash,
         label = excluded.label, confidence = excluded.confidence, margin = excluded.margin, created_at = excluded.created_at`,
    )
    const stamp = new Date().toISOString()
    this.db.transaction(() => {
      for (const row of rows) upsert.run(row.imageId, classifierId, row.contentHash, row.label, row.confidence, row.margin, stamp)
    })()
  }

  clearPredictions(): void {
    this.db.prepare('DELETE FROM predictions').run()
  }

  /** Ranks these images 1, 2, … in the label-next queue, and no other (one transaction). */
  setQueueRanks(imageIds: number[]): void {
    const rank = this.db.prepare('UPDATE predictions SET queue_rank = ? WHERE image_id = ?')
    this.db.transaction(() => {
      this.db.prepare('UPDATE predictions SET queue_rank = NULL WHERE queue_rank IS NOT NULL').run()
      imageIds.forEach((id, index) => rank.run(index + 1, id))
    })()
  }

  predictionCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM predictions').get() as { n: number }).n
  }

  predictionsOf(imageIds: number[]): Map<number, PredictionRow> {
    const rows = this.db
      .prepare(
        `SELECT image_id AS imageId, content_hash AS contentHash, label, confidence, margin FROM predictions
         WHERE image_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(imageIds)) as PredictionRow[]
    return new Map(rows.map((row) => [row.imageId, row]))
  }

  // Detector suggestions.

  replaceSuggestions(imageId: number, detector: string, boxes: { label: string; score: number; x: number; y: number; width: number; height: number }[]): void {
    const insert = this.db.prepare(
      `INSERT INTO box_suggestions (image_id, detector, label, score, x, y, width, height, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const stamp = new Date().toISOString()
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM box_suggestions WHERE image_id = ? AND state = 'pending'`).run(imageId)
      for (const box of boxes) insert.run(imageId, detector, box.label, box.score, box.x, box.y, box.width, box.height, stamp)
    })()
  }

  suggestions(imageId: number, includeDecided: boolean, minScore: number): BoxSuggestion[] {
    return (
      this.db
        .prepare(
          `SELECT id, image_id AS imageId, label, score, x, y, width, height, state, box_id AS boxId FROM box_suggestions
           WHERE image_id = ? AND score >= ? ${includeDecided ? '' : `AND state = 'pending'`} ORDER BY score DESC, id`,
        )
        .all(imageId, minScore) as BoxSuggestion[]
    )
  }

  suggestionsById(imageId: number, ids: number[]): BoxSuggestion[] {
    const rows = this.db
      .prepare(
        `SELECT id, image_id AS imageId, label, score, x, y, width, height, state, box_id AS boxId FROM box_suggestions
         WHERE image_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .all(imageId, JSON.stringify(ids)) as BoxSuggestion[]
    if (rows.length !== new Set(ids).size) {
      throw new ApiError('not_found', `Some of suggestions ${ids.join(', ')} are not on image ${imageId}.`)
    }
    return rows
  }

  decide(id: number, state: 'accepted' | 'rejected', boxId: number | null): void {
    this.db.prepare('UPDATE box_suggestions SET state = ?, box_id = ? WHERE id = ?').run(state, boxId, id)
  }

  private row(id: number, columns: string): ClassifierRow {
    const row = this.db.prepare(`SELECT ${columns} FROM classifiers WHERE id = ?`).get(id) as ClassifierRow | undefined
    if (!row) throw new ApiError('not_found', `There is no classifier version ${id}.`)
    return row
  }
}


function toSummary(row: ClassifierRow): ClassifierSummary {
  return {
    id: row.id,
    name: classifierName(row.id),
    createdAt: row.created_at,
    origin: row.origin,
    backbone: row.backbone_id,
    samples: row.samples,
    // Versions from before the choice (or box classifiers) carry none.
    labels: row.samples === 'images' ? (LabelSource.safeParse(row.labels).data ?? null) : null,
    classes: JSON.parse(row.classes) as string[],
    trainCount: row.train_count,
    valCount: row.val_count,
    epochs: row.epochs,
    bestEpoch: row.best_epoch,
    stoppedBy: row.stopped_by,
    valAccuracy: row.val_accuracy,
    seconds: row.seconds,
    active: row.active === 1,
  }
}
