import type { EventBus } from '../../platform/events/event-bus'
import { ApiError } from '../../../shared/api/errors'
import type { Box, ImageAnnotations, Measurement, MeasurementKind, MeasurementPoint, ReviewStatus, Shape } from '../../../shared/api/schemas'
import { shapeProblem } from '../../../shared/shapes/shape'
import type { CatalogService } from '../catalog'
import type { Db } from '../../platform/storage/database'
import type { BoxChange } from './box-change'
import { SHAPE_SELECT, shapeColumns, shapeFields, type ShapeColumns } from './box-rows'
import { clipToImage, fitShapeToBox, MIN_BOX_SIZE, shapeBox, type Rect } from './geometry'
import { GroupCommit } from './group-commit'
import { AnnotationHistory } from './history'
import { checkMeasurementPoints } from './measurement-geometry'
import { MeasurementRows } from './measurement-rows'
import { nextRowId, StatementCache } from './statements'

interface ImageFrame {
  id: number
  width: number
  height: number
  status: ReviewStatus
}

/** What the requests of one group (see submit) share while it runs. */
interface EditGroup {
  /** Each image's boxes as the group's latest request on it left them, so the next one need not read them again. */
  boxes: Map<number, Box[]>
  /**
   * Images with edits whose undo history is still to be trimmed: once, before the group commits, or before an undo
   * or redo of the image, so that those see the history they would after the same edits one at a time.
   */
  edited: Set<number>
}

/**
 * Boxes, measurements and image-level tags of one image at a time. Every edit is one transaction (a savepoint, inside a group of
 * API requests) that changes the annotations and records how to undo it, and answers with the image's new state, so
 * what the UI shows is what is saved.
 */
export class AnnotationService {
  private readonly history: AnnotationHistory
  private readonly sql: StatementCache
  private readonly measurementRows: MeasurementRows
  private readonly commits: GroupCommit
  private group: EditGroup | null = null

  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogService,
    private readonly events: EventBus,
  ) {
    this.history = new AnnotationHistory(db)
    this.sql = new StatementCache(db)
    this.measurementRows = new MeasurementRows(this.sql)
    this.commits = new GroupCommit(db, events, (run) => this.inGroup(run))
  }

  /**
   * How API requests reach this service: `work` (a call of one of its methods) runs with the other requests that
   * arrive during the same turn of the event loop, in one transaction and one disk sync (see GroupCommit). Each edit
   * is still its own undo step and answers with the image's state right after it; the reply comes once it is saved.
   */
  submit<T>(work: () => T): Promise<T> {
    return this.commits.run(work)
  }

  get(imageId: number): ImageAnnotations {
    return this.state(this.frame(imageId), this.currentBoxes(imageId))
  }

  /** A box by its rectangle (clipped to the image), or an object by its shape, whose box is the shape's bounds. */
  addBox(imageId: number, label: string | null, drawn: Partial<Rect> & { shape?: Shape; crowd?: boolean }): ImageAnnotations {
    return this.edit(imageId, (image) => {
      const { shape, crowd } = drawn
      const geometry = shape ? shapeBox(shape, image.width, image.height) : clipToImage(drawn as Rect, image.width, image.height)
      const box: Box = { id: this.nextBoxId(), label, ...geometry, ...(shape && { shape }), ...(crowd && { crowd }) }
      this.startLabelling(image)
      return { forward: { put: [box] }, backward: { remove: [box.id] } }
    })
  }

  updateBox(
    imageId: number,
    boxId: number,
    update: Partial<Rect> & { label?: string | null; shape?: Shape | null; crowd?: boolean },
  ): ImageAnnotations {
    return this.edit(imageId, (image) => {
      const before = this.currentBoxes(imageId).find((box) => box.id === boxId)
      if (!before) throw new ApiError('not_found', `Image ${imageId} has no box ${boxId}.`)
      const movesBox = [update.x, update.y, update.width, update.height].some((value) => value !== undefined)
      if (movesBox && update.shape) {
        throw new ApiError('bad_request', `Give box ${boxId} either a new shape or a new box, not both: its box follows its shape.`)
      }
      const rect = () =>
        clipToImage(
          { x: update.x ?? before.x, y: update.y ?? before.y, width: update.width ?? before.width, height: update.height ?? before.height },
          image.width,
          image.height,
        )
      let shape = update.shape === undefined ? before.shape : (update.shape ?? undefined)
      // Moving or resizing the box of a shape takes the shape along; the box is then the moved shape's bounds.
      if (movesBox && shape) shape = fitShapeToBox(shape, before, rect(), image.width, image.height)
      const geometry = shape
        ? update.shape || movesBox
          ? shapeBox(shape, image.width, image.height)
          : { x: before.x, y: before.y, width: before.width, height: before.height }
        : rect()
      const crowd = update.crowd ?? before.crowd
      const reshaped = movesBox || update.shape !== undefined
      const extra = reshaped ? withoutStoredArea(before.extra) : before.extra
      const after: Box = {
        id: boxId,
        label: update.label === undefined ? before.label : update.label,
        ...geometry,
        ...(shape && { shape }),
        ...(crowd && { crowd }),
        ...(extra && { extra }),
      }
      return { forward: { put: [after] }, backward: { put: [before] } }
    })
  }

  deleteBoxes(imageId: number, boxIds: number[]): ImageAnnotations {
    return this.edit(imageId, () => {
      const wanted = new Set(boxIds)
      const doomed = this.currentBoxes(imageId).filter((box) => wanted.has(box.id))
      if (doomed.length !== wanted.size) {
        throw new ApiError('not_found', `Some of boxes ${boxIds.join(', ')} are not on image ${imageId}.`)
      }
      return { forward: { remove: doomed.map((box) => box.id) }, backward: { put: doomed } }
    })
  }

  /** Copies another image's boxes (typically the previous frame's) onto this one, clipped to its size. */
  copyBoxes(imageId: number, fromImageId: number): ImageAnnotations {
    if (imageId === fromImageId) throw new ApiError('bad_request', 'Boxes cannot be copied from an image onto itself.')
    this.frame(fromImageId)
    return this.edit(imageId, (image) => {
      let nextId = this.nextBoxId()
      const copies: Box[] = []
      for (const box of this.currentBoxes(fromImageId)) {
        const right = Math.min(image.width, box.x + box.width)
        const bottom = Math.min(image.height, box.y + box.height)
        if (right - box.x < MIN_BOX_SIZE || bottom - box.y < MIN_BOX_SIZE) continue
        // A shape comes along only onto an image of the same size, where it still fits; else the box alone.
        const keepsShape = box.shape !== undefined && !shapeProblem(box.shape, image, 0)
        copies.push({
          id: nextId++,
          label: box.label,
          ...(keepsShape ? { x: box.x, y: box.y, width: box.width, height: box.height, shape: box.shape } : clipToImage(box, image.width, image.height)),
          ...(box.crowd && { crowd: true }),
        })
      }
      if (copies.length === 0) return null
      this.startLabelling(image)
      return { forward: { put: copies }, backward: { remove: copies.map((box) => box.id) } }
    })
  }

  setTags(imageId: number, tags: string[]): ImageAnnotations {
    return this.edit(imageId, () => {
      const before = this.tags(imageId)
      const after = [...new Set(tags)].sort()
      if (before.join('\n') === after.join('\n')) return null
      return { forward: { tags: after }, backward: { tags: before } }
    })
  }

  addMeasurement(imageId: number, kind: MeasurementKind, points: MeasurementPoint[]): ImageAnnotations {
    return this.edit(imageId, (image) => {
      checkMeasurementPoints(kind, points, image.width, image.height)
      const measurement: Measurement = { id: this.measurementRows.nextId(), kind, points: points.map(({ x, y }) => ({ x, y })) }
      return { forward: { putMeasurements: [measurement] }, backward: { removeMeasurements: [measurement.id] } }
    })
  }

  /** Moves a measurement's points; its kind stays, so the points must be as many as that kind takes. */
  updateMeasurement(imageId: number, measurementId: number, points: MeasurementPoint[]): ImageAnnotations {
    return this.edit(imageId, (image) => {
      const before = this.measurementRows.list(imageId).find((measurement) => measurement.id === measurementId)
      if (!before) throw new ApiError('not_found', `Image ${imageId} has no measurement ${measurementId}.`)
      checkMeasurementPoints(before.kind, points, image.width, image.height)
      const after: Measurement = { ...before, points: points.map(({ x, y }) => ({ x, y })) }
      return { forward: { putMeasurements: [after] }, backward: { putMeasurements: [before] } }
    })
  }

  deleteMeasurements(imageId: number, measurementIds: number[]): ImageAnnotations {
    return this.edit(imageId, () => {
      const wanted = new Set(measurementIds)
      const doomed = this.measurementRows.list(imageId).filter((measurement) => wanted.has(measurement.id))
      if (doomed.length !== wanted.size) {
        const missing = [...wanted].filter((id) => !doomed.some((measurement) => measurement.id === id))
        throw new ApiError('not_found', `Image ${imageId} has no measurement ${missing.join(', ')}; nothing was deleted.`)
      }
      return {
        forward: { removeMeasurements: doomed.map((measurement) => measurement.id) },
        backward: { putMeasurements: doomed },
      }
    })
  }

  undo(imageId: number): ImageAnnotations {
    return this.replay(imageId, () => this.history.takeUndo(imageId))
  }

  redo(imageId: number): ImageAnnotations {
    return this.replay(imageId, () => this.history.takeRedo(imageId))
  }

  private edit(
    imageId: number,
    plan: (image: ImageFrame) => { forward: BoxChange; backward: BoxChange } | null,
  ): ImageAnnotations {
    const { state, changed } = this.db.transaction(() => {
      const change = plan(this.frame(imageId))
      if (change) {
        this.apply(imageId, change.forward)
        // Within a group the history is trimmed once per image, before the commit.
        this.history.record(imageId, change, this.group === null)
        this.group?.edited.add(imageId)
      }
      return { state: this.after(imageId, change?.forward ?? null), changed: change !== null }
    })()
    this.settled(state)
    if (changed) this.events.emit('catalog.changed', { reason: 'annotations' })
    return state
  }

  private replay(imageId: number, take: () => BoxChange | null): ImageAnnotations {
    const { state, changed } = this.db.transaction(() => {
      this.frame(imageId)
      if (this.group?.edited.delete(imageId)) this.history.prune(imageId)
      const change = take()
      if (change) this.apply(imageId, change)
      return { state: this.after(imageId, change), changed: change !== null }
    })()
    this.settled(state)
    if (changed) this.events.emit('catalog.changed', { reason: 'annotations' })
    return state
  }

  /** The image's state once `change` is applied: its boxes worked out from the group's copy when there is one. */
  private after(imageId: number, change: BoxChange | null): ImageAnnotations {
    const known = this.group?.boxes.get(imageId)
    const boxes = known && change ? withChange(known, change) : (known ?? this.boxes(imageId))
    return this.state(this.frame(imageId), boxes)
  }

  /** Keeps an edit's result for the group's next request on the image, once the edit's savepoint has succeeded. */
  private settled(state: ImageAnnotations): void {
    this.group?.boxes.set(state.imageId, state.boxes)
  }

  private inGroup(run: () => void): void {
    const group: EditGroup = { boxes: new Map(), edited: new Set() }
    this.group = group
    try {
      run()
      for (const imageId of group.edited) this.history.prune(imageId)
    } finally {
      this.group = null
    }
  }

  private state(image: ImageFrame, boxes: Box[]): ImageAnnotations {
    return {
      imageId: image.id,
      width: image.width,
      height: image.height,
      boxes,
      measurements: this.measurementRows.list(image.id),
      tags: this.tags(image.id),
      status: image.status,
      ...this.history.state(image.id),
    }
  }

  private currentBoxes(imageId: number): Box[] {
    return this.group?.boxes.get(imageId) ?? this.boxes(imageId)
  }

  private apply(imageId: number, change: BoxChange): void {
    if (change.remove?.length) {
      this.sql
        .get('DELETE FROM boxes WHERE image_id = ? AND id IN (SELECT value FROM json_each(?))')
        .run(imageId, JSON.stringify(change.remove))
    }
    const stamp = new Date().toISOString()
    const put = this.sql.get(
      `INSERT INTO boxes (id, image_id, label_id, x, y, width, height, shape, crowd, extra, created_at, updated_at)
       VALUES (@id, @imageId, @labelId, @x, @y, @width, @height, @shape, @crowd, @extra, @stamp, @stamp)
       ON CONFLICT (id) DO UPDATE SET label_id = excluded.label_id, x = excluded.x, y = excluded.y,
         width = excluded.width, height = excluded.height, shape = excluded.shape, crowd = excluded.crowd,
         extra = excluded.extra, updated_at = excluded.updated_at
       WHERE boxes.image_id = excluded.image_id`,
    )
    for (const box of change.put ?? []) {
      const labelId = box.label === null ? null : this.catalog.ensureLabel(box.label)
      put.run({ id: box.id, imageId, labelId, x: box.x, y: box.y, width: box.width, height: box.height, ...shapeColumns(box), stamp })
    }
    this.measurementRows.apply(imageId, change)
    if (change.tags) {
      this.sql.get('DELETE FROM image_labels WHERE image_id = ?').run(imageId)
      for (const tag of change.tags) this.catalog.addLabel(imageId, tag)
    }
  }

  /** Drawing on an untouched image means work on it has begun. */
  private startLabelling(image: ImageFrame): void {
    if (image.status === 'unlabelled') {
      this.sql.get(`UPDATE images SET status = 'in_progress' WHERE id = ?`).run(image.id)
    }
  }

  private nextBoxId(): number {
    return nextRowId(this.sql, 'boxes')
  }

  private frame(imageId: number): ImageFrame {
    const image = this.sql.get('SELECT id, width, height, status FROM images WHERE id = ?').get(imageId) as
      | ImageFrame
      | undefined
    if (!image) throw new ApiError('not_found', `There is no image ${imageId} in this catalogue.`)
    return image
  }

  private boxes(imageId: number): Box[] {
    const rows = this.sql
      .get(
        `SELECT b.id, l.name AS label, b.x, b.y, b.width, b.height, ${SHAPE_SELECT}
         FROM boxes b LEFT JOIN labels l ON l.id = b.label_id WHERE b.image_id = ? ORDER BY b.id`,
      )
      .all(imageId) as (Pick<Box, 'id' | 'label' | 'x' | 'y' | 'width' | 'height'> & ShapeColumns)[]
    return rows.map(({ id, label, x, y, width, height, ...columns }) => ({ id, label, x, y, width, height, ...shapeFields(columns) }))
  }

  private tags(imageId: number): string[] {
    return (
      this.sql
        .get(
          `SELECT l.name FROM image_labels il JOIN labels l ON l.id = il.label_id WHERE il.image_id = ? ORDER BY l.name`,
        )
        .all(imageId) as { name: string }[]
    ).map((row) => row.name)
  }
}

/** Boxes in id order after a change: removed ones gone, put ones inserted or replaced by id (as apply writes them). */
function withChange(boxes: Box[], change: BoxChange): Box[] {
  if (!change.put?.length && !change.remove?.length) return boxes
  const byId = new Map(boxes.map((box) => [box.id, box]))
  for (const id of change.remove ?? []) byId.delete(id)
  for (const box of change.put ?? []) byId.set(box.id, box)
  return [...byId.values()].sort((a, b) => a.id - b.id)
}

/** A source's stored area measured the shape as it was; once the shape or box changes, export computes it anew. */
function withoutStoredArea(extra: Box['extra']): Box['extra'] {
  if (!extra || !('area' in extra)) return extra
  const { area: _stale, ...rest } = extra
  return Object.keys(rest).length > 0 ? rest : undefined
}
