import type { Measurement, MeasurementKind, MeasurementPoint } from '../../../shared/api/schemas'
import type { BoxChange } from './box-change'
import { nextRowId, type StatementCache } from './statements'

/** The measurements table (migration 14): an image's measurements, and how an edit's change writes them. */
export class MeasurementRows {
  constructor(private readonly sql: StatementCache) {}

  list(imageId: number): Measurement[] {
    const rows = this.sql
      .get('SELECT id, kind, points FROM measurements WHERE image_id = ? ORDER BY id')
      .all(imageId) as { id: number; kind: MeasurementKind; points: string }[]
    return rows.map(({ id, kind, points }) => ({ id, kind, points: JSON.parse(points) as MeasurementPoint[] }))
  }

  apply(imageId: number, change: BoxChange): void {
    if (change.removeMeasurements?.length) {
      this.sql
        .get('DELETE FROM measurements WHERE image_id = ? AND id IN (SELECT value FROM json_each(?))')
        .run(imageId, JSON.stringify(change.removeMeasurements))
    }
    // A measurement's kind never changes; an update (or its undo) only moves its points.
    const put = this.sql.get(
      `INSERT INTO measurements (id, image_id, kind, points, created_at) VALUES (@id, @imageId, @kind, @points, @stamp)
       ON CONFLICT (id) DO UPDATE SET points = excluded.points WHERE measurements.image_id = excluded.image_id`,
    )
    const stamp = new Date().toISOString()
    for (const { id, kind, points } of change.putMeasurements ?? []) {
      put.run({ id, imageId, kind, points: JSON.stringify(points), stamp })
    }
  }

  nextId(): number {
    return nextRowId(this.sql, 'measurements')
  }
}
