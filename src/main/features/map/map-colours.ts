import { REVIEW_STATUSES, type MapColourBy, type MapColours } from '../../../shared/api/schemas'
import { classifierName } from '../../engines/learning/names'
import type { Db } from '../../platform/storage/database'
import { ACTIVE_ANOMALY_MODEL } from '../catalog'
import { detectorName } from '../detector'

/** A value per map point, in map_points order (by image id), read in one statement. */
type ValueRow = [imageId: number, value: number | string | null]

const ON_MAP = 'FROM map_points p JOIN images i ON i.id = p.image_id WHERE p.model_id = ?'

/**
 * Reads one attribute of every point of a model's map, straight from the tables the other features keep (labels,
 * predictions, anomaly_scores, detections), as the library's listing does: one query for 100k points, not one call per
 * image through their services.
 */
export class MapColourReader {
  constructor(private readonly db: Db) {}

  read(modelId: string, by: MapColourBy): Omit<MapColours, 'modelId'> {
    switch (by) {
      case 'class':
        // An image with several classes shows its first by name: a map point has one colour.
        return this.categorical(
          by,
          modelId,
          `SELECT p.image_id, (SELECT min(l.name) FROM image_labels il JOIN labels l ON l.id = il.label_id WHERE il.image_id = p.image_id) ${ON_MAP} ORDER BY p.image_id`,
          this.labelNames(),
          null,
        )
      case 'prediction':
        return this.categorical(
          by,
          modelId,
          `SELECT p.image_id, (SELECT q.label FROM predictions q WHERE q.image_id = p.image_id AND q.content_hash = i.content_hash) ${ON_MAP} ORDER BY p.image_id`,
          this.classifierClasses(),
          this.classifierName(),
        )
      case 'status':
        return this.categorical(by, modelId, `SELECT p.image_id, i.status ${ON_MAP} ORDER BY p.image_id`, [...REVIEW_STATUSES], null)
      case 'confidence':
        return this.continuous(
          by,
          modelId,
          `SELECT p.image_id, (SELECT q.confidence FROM predictions q WHERE q.image_id = p.image_id AND q.content_hash = i.content_hash) ${ON_MAP} ORDER BY p.image_id`,
          this.classifierName(),
        )
      case 'anomaly':
        return this.continuous(
          by,
          modelId,
          `SELECT p.image_id, (SELECT s.score FROM anomaly_scores s WHERE s.image_id = p.image_id AND s.model_id = ${ACTIVE_ANOMALY_MODEL}) ${ON_MAP} ORDER BY p.image_id`,
          this.anomalyModelName(),
        )
      case 'detection':
        // The active detector's best box at or above its threshold on the image's current file; nothing found is null.
        return this.continuous(
          by,
          modelId,
          `SELECT p.image_id, (SELECT max(d.score) FROM detections d JOIN detectors m ON m.id = d.detector_id AND m.active = 1
             WHERE d.image_id = p.image_id AND d.content_hash = i.content_hash AND d.score >= m.score_threshold) ${ON_MAP} ORDER BY p.image_id`,
          this.detectorName(),
        )
    }
  }

  private rows(sql: string, modelId: string): ValueRow[] {
    return this.db.prepare(sql).raw().all(modelId) as ValueRow[]
  }

  private categorical(by: MapColourBy, modelId: string, sql: string, known: readonly string[], source: string | null): Omit<MapColours, 'modelId'> {
    const rows = this.rows(sql, modelId)
    // Categories come in a stable order (the labels', the classifier's, the statuses'); a value outside it (a class
    // renamed since a prediction) is added at the end rather than lost.
    const categories = [...known]
    const index = new Map(categories.map((name, i) => [name, i]))
    const values = rows.map(([, value]) => {
      if (value === null) return null
      const name = String(value)
      let at = index.get(name)
      if (at === undefined) {
        at = categories.push(name) - 1
        index.set(name, at)
      }
      return at
    })
    const colours = this.labelColours()
    return {
      by,
      imageIds: rows.map(([imageId]) => imageId),
      values,
      categories,
      categoryColours: by === 'status' ? categories.map(() => '') : categories.map((name) => colours.get(name) ?? ''),
      source,
    }
  }

  private continuous(by: MapColourBy, modelId: string, sql: string, source: string | null): Omit<MapColours, 'modelId'> {
    const rows = this.rows(sql, modelId)
    return { by, imageIds: rows.map(([imageId]) => imageId), values: rows.map(([, value]) => (value === null ? null : Number(value))), source }
  }

  private labelNames(): string[] {
    return (this.db.prepare('SELECT name FROM labels ORDER BY name').raw().all() as [string][]).map(([name]) => name)
  }

  private labelColours(): Map<string, string> {
    return new Map(this.db.prepare('SELECT name, color FROM labels').raw().all() as [string, string][])
  }

  private classifierClasses(): string[] {
    const row = this.db.prepare('SELECT classes FROM classifiers WHERE active = 1').get() as { classes: string } | undefined
    return row ? (JSON.parse(row.classes) as string[]) : []
  }

  private classifierName(): string | null {
    const row = this.db.prepare('SELECT id FROM classifiers WHERE active = 1').get() as { id: number } | undefined
    return row ? classifierName(row.id) : null
  }

  private anomalyModelName(): string | null {
    const row = this.db.prepare(`SELECT name, version FROM anomaly_models WHERE id = ${ACTIVE_ANOMALY_MODEL}`).get() as
      | { name: string; version: number }
      | undefined
    return row ? `${row.name} v${row.version}` : null
  }

  private detectorName(): string | null {
    const row = this.db.prepare('SELECT id FROM detectors WHERE active = 1').get() as { id: number } | undefined
    return row ? detectorName(row.id) : null
  }
}
