import { ApiError } from '../../../shared/api/errors'
import type { DetectedBox, DetectorDetail, DetectorEpoch, DetectorEvaluation, DetectorSummary } from '../../../shared/api/schemas'
import { decodeHead, encodeHead, type DetectionHead } from '../../engines/detection/head'
import type { Db } from '../../platform/storage/database'

/** How the CLI and the suggestions name a version. */
export function detectorName(id: number): string {
  return `detector-${id}`
}

export interface NewDetector {
  origin: 'trained' | 'imported'
  backbone: string
  classes: string[]
  trainImages: number
  valImages: number
  epochs: number
  bestEpoch: number
  stoppedBy: DetectorSummary['stoppedBy']
  valMAP50: number | null
  scoreThreshold: number
  seconds: number
  options: Record<string, unknown>
  evaluation: DetectorEvaluation | null
  curves: DetectorEpoch[]
  head: DetectionHead
  jobId: number | null
}

interface DetectorRow {
  id: number
  created_at: string
  origin: 'trained' | 'imported'
  backbone_id: string
  classes: string
  train_images: number
  val_images: number
  epochs: number
  best_epoch: number
  stopped_by: DetectorSummary['stoppedBy']
  val_map50: number | null
  score_threshold: number
  options: string
  evaluation: string | null
  curves: string
  head: Buffer
  active: number
}

const SUMMARY_COLUMNS = `id, created_at, origin, backbone_id, classes, train_images, val_images, epochs, best_epoch, stopped_by,
  val_map50, score_threshold, active`

/** A box a version found on a catalogue image, in the image's pixels. */
export interface StoredDetection extends DetectedBox {
  imageId: number
  contentHash: string
}

/** Detector versions, the curves of running jobs and the active version's detections on catalogue images (migration 12). */
export class DetectorStore {
  constructor(private readonly db: Db) {}

  insert(version: NewDetector): number {
    const result = this.db
      .prepare(
        `INSERT INTO detectors (created_at, origin, backbone_id, classes, train_images, val_images, epochs, best_epoch,
           stopped_by, val_map50, score_threshold, seconds, options, evaluation, curves, head, job_id)
         VALUES (@createdAt, @origin, @backbone, @classes, @trainImages, @valImages, @epochs, @bestEpoch,
           @stoppedBy, @valMAP50, @scoreThreshold, @seconds, @options, @evaluation, @curves, @head, @jobId)`,
      )
      .run({
        createdAt: new Date().toISOString(),
        origin: version.origin,
        backbone: version.backbone,
        classes: JSON.stringify(version.classes),
        trainImages: version.trainImages,
        valImages: version.valImages,
        epochs: version.epochs,
        bestEpoch: version.bestEpoch,
        stoppedBy: version.stoppedBy,
        valMAP50: version.valMAP50,
        scoreThreshold: version.scoreThreshold,
        seconds: version.seconds,
        options: JSON.stringify(version.options),
        evaluation: version.evaluation === null ? null : JSON.stringify(version.evaluation),
        curves: JSON.stringify(version.curves),
        head: Buffer.from(encodeHead(version.head)),
        jobId: version.jobId,
      })
    return Number(result.lastInsertRowid)
  }

  /** Newest first. */
  list(): DetectorSummary[] {
    return (this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM detectors ORDER BY id DESC`).all() as DetectorRow[]).map(toSummary)
  }

  summary(id: number): DetectorSummary {
    return toSummary(this.row(id, SUMMARY_COLUMNS))
  }

  detail(id: number): DetectorDetail {
    const row = this.row(id, '*')
    return {
      ...toSummary(row),
      options: JSON.parse(row.options) as Record<string, unknown>,
      evaluation: row.evaluation === null ? null : (JSON.parse(row.evaluation) as DetectorEvaluation),
      curves: JSON.parse(row.curves) as DetectorEpoch[],
    }
  }

  head(id: number): DetectionHead {
    return decodeHead(this.row(id, 'head').head)
  }

  activeId(): number | null {
    return (this.db.prepare('SELECT id FROM detectors WHERE active = 1').get() as { id: number } | undefined)?.id ?? null
  }

  /** Makes `id` the only active version (null: none). */
  setActive(id: number | null): void {
    if (id !== null) this.row(id, 'id')
    this.db.transaction(() => {
      this.db.prepare('UPDATE detectors SET active = 0 WHERE active = 1').run()
      if (id !== null) this.db.prepare('UPDATE detectors SET active = 1 WHERE id = ?').run(id)
    })()
  }

  setThreshold(id: number, threshold: number): void {
    this.row(id, 'id')
    this.db.prepare('UPDATE detectors SET score_threshold = ? WHERE id = ?').run(threshold, id)
  }

  /** Deletes the version (its detections go with it); an active one hands over to the newest remaining version. */
  remove(id: number): void {
    this.row(id, 'id')
    this.db.transaction(() => {
      const wasActive = this.activeId() === id
      this.db.prepare('DELETE FROM detectors WHERE id = ?').run(id)
      if (!wasActive) return
      const newest = this.db.prepare('SELECT max(id) AS id FROM detectors').get() as { id: number | null }
      if (newest.id !== null) this.db.prepare('UPDATE detectors SET active = 1 WHERE id = ?').run(newest.id)
    })()
  }

  // Curves of a running job.

  saveEpoch(jobId: number, epoch: DetectorEpoch): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO detector_epochs (job_id, epoch, train_loss, val_loss, val_map50, elapsed) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(jobId, epoch.epoch, epoch.trainLoss, epoch.valLoss, epoch.valMAP50, epoch.elapsed)
  }

  clearEpochs(jobId: number): void {
    this.db.prepare('DELETE FROM detector_epochs WHERE job_id = ?').run(jobId)
  }

  epochs(jobId: number): DetectorEpoch[] {
    return this.db
      .prepare(
        `SELECT epoch, train_loss AS trainLoss, val_loss AS valLoss, val_map50 AS valMAP50, elapsed
         FROM detector_epochs WHERE job_id = ? ORDER BY epoch`,
      )
      .all(jobId) as DetectorEpoch[]
  }

  // Detections on catalogue images.

  /** Replaces what `detectorId` found on each of these images (an image with no boxes keeps no row); one transaction. */
  replaceDetections(detectorId: number, found: { imageId: number; contentHash: string; boxes: DetectedBox[] }[]): void {
    const clear = this.db.prepare('DELETE FROM detections WHERE detector_id = ? AND image_id = ?')
    const insert = this.db.prepare(
      `INSERT INTO detections (detector_id, image_id, content_hash, label, score, x, y, width, height)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.db.transaction(() => {
      for (const image of found) {
        clear.run(detectorId, image.imageId)
        for (const box of image.boxes) {
          insert.run(detectorId, image.imageId, image.contentHash, box.label, box.score, box.x, box.y, box.width, box.height)
        }
      }
    })()
  }

  detectionsOf(detectorId: number, imageId: number): StoredDetection[] {
    return this.db
      .prepare(
        `SELECT image_id AS imageId, content_hash AS contentHash, label, score, x, y, width, height FROM detections
         WHERE detector_id = ? AND image_id = ? ORDER BY score DESC, id`,
      )
      .all(detectorId, imageId) as StoredDetection[]
  }

  private row(id: number, columns: string): DetectorRow {
    const row = this.db.prepare(`SELECT ${columns} FROM detectors WHERE id = ?`).get(id) as DetectorRow | undefined
    if (!row) throw new ApiError('not_found', `There is no detector version ${id}.`)
    return row
  }
}

function toSummary(row: DetectorRow): DetectorSummary {
  return {
    id: row.id,
    name: detectorName(row.id),
    createdAt: row.created_at,
    origin: row.origin,
    backbone: row.backbone_id,
    classes: JSON.parse(row.classes) as string[],
    trainImages: row.train_images,
    valImages: row.val_images,
    epochs: row.epochs,
    bestEpoch: row.best_epoch,
    stoppedBy: row.stopped_by,
    valMAP50: row.val_map50,
    scoreThreshold: row.score_threshold,
    active: row.active === 1,
  }
}
