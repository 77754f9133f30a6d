import { ApiError } from '../../../shared/api/errors'
import {
  LABEL_ERROR_MIN_CONFIDENCE,
  REVIEW_STATUSES,
  type CatalogStats,
  type ImageDetail,
  type ImageFilter,
  type ImageFormat,
  type ImagePage,
  type ListSort,
  type ImageSummary,
  type Label,
  type ReviewStatus,
} from '../../../shared/api/schemas'
import type { Db } from '../../platform/storage/database'
import { classifierName } from '../../engines/learning/names'
import type { EventBus } from '../../platform/events/event-bus'
import { colorForNewLabel } from './label-colors'
import { ACTIVE_ANOMALY_MODEL } from './active-anomaly-model'
import { IN_LABEL_ERRORS_QUEUE, IN_LABEL_NEXT_QUEUE, QUEUE_CONDITIONS, QUEUE_ORDER } from './prediction-queues'

export interface NewImage {
  path: string
  /** Frame of a multi-frame DICOM file; 0 (the default) otherwise. */
  frame?: number
  fileName: string
  contentHash: string
  bytes: number
  width: number
  height: number
  format: ImageFormat
  orientation: number
}

export interface StoredImage {
  id: number
  path: string
  frame: number
  contentHash: string
  format: ImageFormat
  missing: boolean
}

interface ImageRow {
  id: number
  path: string
  frame: number
  file_name: string
  content_hash: string
  bytes: number
  width: number
  height: number
  format: ImageFormat
  orientation: number
  added_at: string
  status: ReviewStatus
  missing: number
}

/**
 * The anomaly models (src/main/features/anomaly, migration 10) are read here in SQL, as the predictions are: the
 * library sorts and filters by the active version's stored scores.
 */
const IS_ANOMALOUS = `EXISTS (SELECT 1 FROM anomaly_scores s JOIN anomaly_models m ON m.id = s.model_id
                              WHERE s.image_id = i.id AND s.model_id = ${ACTIVE_ANOMALY_MODEL} AND s.score >= m.threshold)`

/**
 * The active box detector's stored boxes (src/main/features/detector, migration 12) on the image's current file, of
 * @detectedLabel's class when it is not null: the library's "found by the detector" filter and its sort by score.
 */
const ACTIVE_DETECTIONS = `detections d JOIN detectors m ON m.id = d.detector_id AND m.active = 1
  WHERE d.image_id = i.id AND d.content_hash = i.content_hash AND (@detectedLabel IS NULL OR d.label = @detectedLabel)`
const IS_DETECTED = `EXISTS (SELECT 1 FROM ${ACTIVE_DETECTIONS} AND d.score >= m.score_threshold)`

/**
 * Every order ends on the id, so images that tie keep one place from page to page. Names sort naturally
 * (natural_key is registered on every catalogue connection, in platform/storage).
 */
const ORDER_BY: Record<ListSort, string[]> = {
  added: ['i.id'],
  name: ['natural_key(i.file_name)', 'i.id'],
  size: ['i.bytes', 'i.id'],
  // The active classifier's confidence; images without a prediction count as -1, before every real one.
  confidence: ['coalesce((SELECT p.confidence FROM predictions p WHERE p.image_id = i.id), -1)', 'i.id'],
  // Scores are distances, never negative, so unscored images (-1) come before every scored one.
  anomaly: [`coalesce((SELECT s.score FROM anomaly_scores s WHERE s.image_id = i.id AND s.model_id = ${ACTIVE_ANOMALY_MODEL}), -1)`, 'i.id'],
  // Scores are 0..1, so images the detector found nothing on (-1) come before every scored one.
  detection: [`coalesce((SELECT max(d.score) FROM ${ACTIVE_DETECTIONS}), -1)`, 'i.id'],
}

/** A DICOM series is read in its own order: instance number (unnumbered instances first), then frame. */
const SERIES_ORDER = ['(SELECT d.instance_number FROM dicom_images d WHERE d.image_id = i.id)', 'i.frame']

/** Reads and writes the catalogue's images and labels. Each public write is one transaction. */
/** What filesAndBoxesOf tells of an image. */
export interface FileAndBoxes {
  bytes: number
  format: ImageFormat
  boxCount: number
  boxClasses: string[]
}

export class CatalogService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
  ) {}

  stats(): CatalogStats {
    const totals = this.db
      .prepare(
        `SELECT count(*) AS images, (SELECT count(*) FROM images WHERE missing <> 0) AS missing,
                (SELECT count(*) FROM (SELECT image_id FROM image_labels UNION SELECT image_id FROM boxes)) AS labelled,
                (SELECT count(*) FROM boxes) AS boxes,
                (SELECT count(*) FROM boxes WHERE shape ->> '$.kind' = 'polygons') AS polygons,
                (SELECT count(*) FROM boxes WHERE shape ->> '$.kind' = 'mask') AS masks
         FROM images`,
      )
      .get() as { images: number; missing: number; labelled: number; boxes: number; polygons: number; masks: number }
    const byLabel: Record<string, number> = {}
    for (const label of this.listLabels()) byLabel[label.name] = label.imageCount
    const byStatus = Object.fromEntries(REVIEW_STATUSES.map((status) => [status, 0])) as Record<ReviewStatus, number>
    const statusRows = this.db.prepare('SELECT status, count(*) AS n FROM images GROUP BY status').all() as {
      status: ReviewStatus
      n: number
    }[]
    for (const row of statusRows) byStatus[row.status] = row.n
    return { ...totals, byLabel, byStatus, predictions: this.predictionStats(), anomaly: this.anomalyStats() }
  }

  /** The active anomaly model's name and version, and how many images it finds anomalous; null without one. */
  private anomalyStats(): CatalogStats['anomaly'] {
    const active = this.db.prepare(`SELECT name, version FROM anomaly_models WHERE id = ${ACTIVE_ANOMALY_MODEL}`).get() as
      | { name: string; version: number }
      | undefined
    if (!active) return null
    const { n } = this.db.prepare(`SELECT count(*) AS n FROM images i WHERE ${IS_ANOMALOUS}`).get() as { n: number }
    return { model: `${active.name} v${active.version}`, anomalous: n }
  }

  /** Counts for the library's Model section; null unless an image classifier is active (a box classifier predicts none). */
  private predictionStats(): CatalogStats['predictions'] {
    const active = this.db.prepare(`SELECT id, classes FROM classifiers WHERE active = 1 AND samples = 'images'`).get() as
      | { id: number; classes: string }
      | undefined
    if (!active) return null
    const byLabel: Record<string, number> = {}
    for (const name of JSON.parse(active.classes) as string[]) byLabel[name] = 0
    const rows = this.db.prepare('SELECT label, count(*) AS n FROM predictions GROUP BY label').all() as { label: string; n: number }[]
    for (const row of rows) byLabel[row.label] = row.n
    const count = (condition: string) =>
      (this.db.prepare(`SELECT count(*) AS n FROM images i WHERE ${condition}`).get({ errorConfidence: LABEL_ERROR_MIN_CONFIDENCE }) as { n: number }).n
    return {
      classifier: classifierName(active.id),
      predicted: rows.reduce((sum, row) => sum + row.n, 0),
      labelNext: count(IN_LABEL_NEXT_QUEUE),
      labelErrors: count(IN_LABEL_ERRORS_QUEUE),
      byLabel,
    }
  }

  listImages(request: {
    filter: ImageFilter
    sort: ListSort
    descending: boolean
    offset: number
    limit: number
  }): ImagePage {
    const { where, params } = whereClause(request.filter)
    const total = this.count(request.filter, where, params)
    const direction = request.descending ? 'DESC' : 'ASC'
    const order = request.filter.queue
      ? QUEUE_ORDER[request.filter.queue]
      : [...(request.filter.dicomSeries ? SERIES_ORDER : []), ...ORDER_BY[request.sort]]
          .map((column) => `${column} ${direction}`)
          .join(', ')
    const rows = this.db
      .prepare(`SELECT i.* FROM images i ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ detectedLabel: null, ...params, limit: request.limit, offset: request.offset }) as ImageRow[]
    const labels = this.labelNamesFor(rows.map((row) => row.id))
    const predictions = this.predictionsFor(rows.map((row) => row.id))
    const anomalies = this.anomaliesFor(rows.map((row) => row.id))
    return {
      total,
      offset: request.offset,
      items: rows.map((row) => ({
        ...toSummary(row, labels.get(row.id) ?? []),
        prediction: predictions.get(row.id) ?? null,
        anomaly: anomalies.get(row.id) ?? null,
      })),
    }
  }

  /** These images' scores under the active anomaly model, and whether each reaches its threshold. */
  private anomaliesFor(imageIds: number[]): Map<number, { score: number; anomalous: boolean }> {
    if (imageIds.length === 0) return new Map()
    const rows = this.db
      .prepare(
        `SELECT s.image_id AS imageId, s.score, s.score >= m.threshold AS anomalous
         FROM anomaly_scores s JOIN anomaly_models m ON m.id = s.model_id
         WHERE s.model_id = ${ACTIVE_ANOMALY_MODEL} AND s.image_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(imageIds)) as { imageId: number; score: number; anomalous: number }[]
    return new Map(rows.map((row) => [row.imageId, { score: row.score, anomalous: row.anomalous === 1 }]))
  }

  /** The active classifier's predictions for these images (see src/main/training). */
  private predictionsFor(imageIds: number[]): Map<number, { label: string; confidence: number }> {
    if (imageIds.length === 0) return new Map()
    const rows = this.db
      .prepare(
        `SELECT image_id AS imageId, label, confidence FROM predictions WHERE image_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(imageIds)) as { imageId: number; label: string; confidence: number }[]
    return new Map(rows.map((row) => [row.imageId, { label: row.label, confidence: row.confidence }]))
  }

  private count(filter: ImageFilter, where: string, params: Record<string, unknown>): number {
    // With only a label filter, counting the label's own rows avoids a primary-key lookup per matching image.
    const sql =
      typeof filter.label === 'string' && Object.keys(filter).every((key) => key === 'label' || filter[key as keyof ImageFilter] === undefined)
        ? `SELECT count(*) AS n FROM (${IMAGES_WITH_LABEL})`
        : `SELECT count(*) AS n FROM images i ${where}`
    return (this.db.prepare(sql).get(params) as { n: number }).n
  }

  getImage(id: number): ImageDetail {
    const row = this.db.prepare('SELECT * FROM images WHERE id = ?').get(id) as ImageRow | undefined
    if (!row) throw new ApiError('not_found', `There is no image ${id} in this catalogue.`)
    const boxCount = (this.db.prepare('SELECT count(*) AS n FROM boxes WHERE image_id = ?').get(id) as { n: number }).n
    return {
      ...toSummary(row, this.labelNamesFor([id]).get(id) ?? []),
      prediction: this.predictionsFor([id]).get(id) ?? null,
      path: row.path,
      frame: row.frame,
      contentHash: row.content_hash,
      bytes: row.bytes,
      format: row.format,
      orientation: row.orientation,
      addedAt: row.added_at,
      boxCount,
    }
  }

  listLabels(): Label[] {
    return this.db
      .prepare(
        `SELECT l.id, l.name, l.color, l.hotkey,
                (SELECT count(*) FROM (SELECT image_id FROM image_labels WHERE label_id = l.id
                                       UNION SELECT image_id FROM boxes WHERE label_id = l.id)) AS imageCount,
                (SELECT count(*) FROM boxes WHERE label_id = l.id) AS boxCount
         FROM labels l ORDER BY natural_key(l.name), l.id`,
      )
      .all() as Label[]
  }

  labelImages(imageIds: number[], labelName: string): number {
    const changed = this.db.transaction(() => {
      this.requireImages(imageIds)
      const labelId = this.ensureLabel(labelName)
      const insert = this.db.prepare('INSERT OR IGNORE INTO image_labels (image_id, label_id) VALUES (?, ?)')
      let changed = 0
      for (const id of imageIds) changed += insert.run(id, labelId).changes
      return changed
    })()
    if (changed > 0) this.events.emit('catalog.changed', { reason: 'labels' })
    return changed
  }

  setStatus(imageIds: number[], status: ReviewStatus): number {
    const changed = this.db.transaction(() => {
      this.requireImages(imageIds)
      const update = this.db.prepare('UPDATE images SET status = ? WHERE id = ? AND status <> ?')
      let changed = 0
      for (const id of imageIds) changed += update.run(status, id, status).changes
      return changed
    })()
    if (changed > 0) this.events.emit('catalog.changed', { reason: 'status' })
    return changed
  }

  /** Forgets images (and their labels, boxes and embeddings); the files on disk are not touched. */
  removeImages(imageIds: number[]): number {
    const remove = this.db.prepare('DELETE FROM images WHERE id = ?')
    const removed = this.db.transaction(() => imageIds.reduce((removed, id) => removed + remove.run(id).changes, 0))()
    if (removed > 0) this.events.emit('catalog.changed', { reason: 'removed' })
    return removed
  }

  idsMatching(filter: ImageFilter): Set<number> {
    const { where, params } = whereClause(filter)
    const rows = this.db.prepare(`SELECT i.id FROM images i ${where}`).pluck().all(params) as number[]
    return new Set(rows)
  }

  /** Summaries with paths for the given ids, in the order given; unknown ids are left out. */
  summariesOf(imageIds: number[]): (ImageSummary & { path: string })[] {
    if (imageIds.length === 0) return []
    const rows = this.db
      .prepare('SELECT * FROM images WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(imageIds)) as ImageRow[]
    const labels = this.labelNamesFor(imageIds)
    const byId = new Map(rows.map((row) => [row.id, { ...toSummary(row, labels.get(row.id) ?? []), path: row.path }]))
    return imageIds.flatMap((id) => byId.get(id) ?? [])
  }

  /** Each image's file size and format, and the boxes that would go out of the catalogue with it (classes once each). */
  filesAndBoxesOf(imageIds: number[]): Map<number, FileAndBoxes> {
    const rows = this.db
      .prepare(
        `SELECT i.id, i.bytes, i.format,
                (SELECT count(*) FROM boxes b WHERE b.image_id = i.id) AS boxCount,
                (SELECT json_group_array(DISTINCT l.name) FROM boxes b JOIN labels l ON l.id = b.label_id
                 WHERE b.image_id = i.id) AS boxClasses
         FROM images i WHERE i.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(imageIds)) as { id: number; bytes: number; format: ImageFormat; boxCount: number; boxClasses: string }[]
    return new Map(
      rows.map(({ id, boxClasses, ...facts }) => [id, { ...facts, boxClasses: (JSON.parse(boxClasses) as string[]).sort() }]),
    )
  }

  // The methods below are the import pipeline's; they run inside its batch transaction.

  findByHash(contentHash: string): StoredImage | undefined {
    const row = this.db
      .prepare('SELECT id, path, frame, content_hash, format, missing FROM images WHERE content_hash = ?')
      .get(contentHash) as StoredRow | undefined
    return row && toStored(row)
  }

  findById(id: number): StoredImage | undefined {
    const row = this.db.prepare('SELECT id, path, frame, content_hash, format, missing FROM images WHERE id = ?').get(id) as
      | StoredRow
      | undefined
    return row && toStored(row)
  }

  insertImage(image: NewImage): number {
    const result = this.db
      .prepare(
        `INSERT INTO images (path, frame, file_name, content_hash, bytes, width, height, format, orientation, added_at)
         VALUES (@path, @frame, @fileName, @contentHash, @bytes, @width, @height, @format, @orientation, @addedAt)`,
      )
      .run({ ...image, frame: image.frame ?? 0, addedAt: new Date().toISOString() })
    return Number(result.lastInsertRowid)
  }

  replaceContent(imageId: number, image: NewImage): number {
    this.db
      .prepare(
        `UPDATE images SET content_hash = @contentHash, bytes = @bytes, width = @width, height = @height,
           format = @format, orientation = @orientation, missing = 0 WHERE id = @id`,
      )
      .run({ ...image, id: imageId })
    return imageId
  }

  /** Points an image whose file moved at its new place; found again by content hash, so labels and boxes stay. */
  relink(imageId: number, path: string, fileName: string): void {
    this.db.prepare('UPDATE images SET path = ?, file_name = ?, missing = 0 WHERE id = ?').run(path, fileName, imageId)
  }

  markMissing(imageId: number, missing: boolean): void {
    this.db.prepare('UPDATE images SET missing = ? WHERE id = ?').run(missing ? 1 : 0, imageId)
  }

  /** The image recorded for this file (and frame, for multi-frame DICOM files), if any. */
  pathOwner(path: string, frame = 0): number | undefined {
    return (
      this.db.prepare('SELECT id FROM images WHERE path = ? AND frame = ?').get(path, frame) as { id: number } | undefined
    )?.id
  }

  addLabel(imageId: number, labelName: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO image_labels (image_id, label_id) VALUES (?, ?)')
      .run(imageId, this.ensureLabel(labelName))
  }

  ensureLabel(name: string): number {
    const existing = this.db.prepare('SELECT id FROM labels WHERE name = ?').get(name) as { id: number } | undefined
    if (existing) return existing.id
    const count = (this.db.prepare('SELECT count(*) AS n FROM labels').get() as { n: number }).n
    const result = this.db
      .prepare('INSERT INTO labels (name, color, created_at) VALUES (?, ?, ?)')
      .run(name, colorForNewLabel(count), new Date().toISOString())
    return Number(result.lastInsertRowid)
  }

  private requireImages(imageIds: number[]): void {
    const exists = this.db.prepare('SELECT 1 FROM images WHERE id = ?')
    const unknown = imageIds.filter((id) => !exists.get(id))
    if (unknown.length > 0) {
      throw new ApiError('not_found', `No image with id ${unknown.slice(0, 5).join(', ')} in this catalogue.`)
    }
  }

  private labelNamesFor(imageIds: number[]): Map<number, string[]> {
    const names = new Map<number, string[]>()
    if (imageIds.length === 0) return names
    const rows = this.db
      .prepare(
        `SELECT DISTINCT owner.image_id AS imageId, l.name
         FROM (SELECT image_id, label_id FROM image_labels UNION ALL SELECT image_id, label_id FROM boxes) AS owner
         JOIN labels l ON l.id = owner.label_id
         WHERE owner.image_id IN (SELECT value FROM json_each(?)) ORDER BY natural_key(l.name)`,
      )
      .all(JSON.stringify(imageIds)) as { imageId: number; name: string }[]
    for (const row of rows) {
      const list = names.get(row.imageId) ?? []
      list.push(row.name)
      names.set(row.imageId, list)
    }
    return names
  }
}

/** An image carries a label when it is tagged with it or has a box of that class. */
const IMAGES_WITH_LABEL = `SELECT il.image_id FROM image_labels il JOIN labels l ON l.id = il.label_id
                           WHERE l.name = @label
                           UNION SELECT b.image_id FROM boxes b JOIN labels l ON l.id = b.label_id WHERE l.name = @label`

function whereClause(filter: ImageFilter): { where: string; params: Record<string, unknown> } {
  const conditions: string[] = []
  const params: Record<string, unknown> = {}
  if (filter.label === null) {
    conditions.push(
      'NOT EXISTS (SELECT 1 FROM image_labels il WHERE il.image_id = i.id)',
      'NOT EXISTS (SELECT 1 FROM boxes b WHERE b.image_id = i.id)',
    )
  } else if (filter.label !== undefined) {
    conditions.push(`i.id IN (${IMAGES_WITH_LABEL})`)
    params.label = filter.label
  }
  if (filter.status) {
    conditions.push('i.status = @status')
    params.status = filter.status
  }
  // The active classifier's predictions (src/main/training keeps one row per image, for the active version only).
  if (filter.predictedLabel !== undefined) {
    conditions.push('i.id IN (SELECT p.image_id FROM predictions p WHERE p.label = @predictedLabel)')
    params.predictedLabel = filter.predictedLabel
  }
  if (filter.minConfidence !== undefined || filter.maxConfidence !== undefined) {
    conditions.push(
      'EXISTS (SELECT 1 FROM predictions p WHERE p.image_id = i.id AND p.confidence >= @minConfidence AND p.confidence <= @maxConfidence)',
    )
    params.minConfidence = filter.minConfidence ?? 0
    params.maxConfidence = filter.maxConfidence ?? 1
  }
  if (filter.queue !== undefined) {
    conditions.push(QUEUE_CONDITIONS[filter.queue])
    if (filter.queue === 'labelErrors') params.errorConfidence = LABEL_ERROR_MIN_CONFIDENCE
  }
  if (filter.anomalous) conditions.push(IS_ANOMALOUS)
  if (filter.detected) {
    conditions.push(IS_DETECTED)
    params.detectedLabel = filter.detected.label ?? null
  }
  // DICOM identities are kept in dicom_images (migration 4).
  if (filter.dicomSeries !== undefined) {
    conditions.push('i.id IN (SELECT d.image_id FROM dicom_images d WHERE d.series_uid = @dicomSeries)')
    params.dicomSeries = filter.dicomSeries
  }
  if (filter.fileName !== undefined) {
    conditions.push(`i.file_name LIKE @fileName ESCAPE '\\'`)
    params.fileName = `%${escapeLike(filter.fileName)}%`
  }
  if (filter.imageIds !== undefined) {
    conditions.push('i.id IN (SELECT value FROM json_each(@imageIds))')
    params.imageIds = JSON.stringify(filter.imageIds)
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params }
}

/** Text for a LIKE pattern that matches itself only: its wildcards and the escape character are escaped. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`)
}

function toSummary(row: ImageRow, labels: string[]): ImageSummary {
  return {
    id: row.id,
    fileName: row.file_name,
    width: row.width,
    height: row.height,
    status: row.status,
    labels,
    missing: row.missing === 1,
    format: row.format,
  }
}

type StoredRow = Pick<ImageRow, 'id' | 'path' | 'frame' | 'content_hash' | 'format' | 'missing'>

function toStored(row: StoredRow): StoredImage {
  return {
    id: row.id,
    path: row.path,
    frame: row.frame,
    contentHash: row.content_hash,
    format: row.format,
    missing: row.missing === 1,
  }
}
