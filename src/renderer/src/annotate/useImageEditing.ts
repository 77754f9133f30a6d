import { useMemo } from 'react'
import type { Box, ImageAnnotations, ReviewStatus, Shape } from '../../../shared/api/schemas'
import { shapeBounds } from '../../../shared/shapes/shape'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import type { AnnotationStore } from './AnnotationStore'
import type { Rect } from './geometry'
import { fitPolygonsToBox } from './polygonGeometry'
import { t } from '../i18n/t'

export interface ImageEditing {
  /** Adds a box, shown at once under a temporary id; `saved` resolves to its real id (null if it was refused). */
  draw(rect: Rect, label: string | null): { temporaryId: number; saved: Promise<number | null> }
  /** Adds an object drawn as a shape (polygons or a mask); its box is the shape's bounds, as the services derive it. */
  drawShape(shape: Shape, label: string | null, crowd?: boolean): { temporaryId: number; saved: Promise<number | null> }
  reshape(boxId: number, rect: Rect): void
  /** Gives the object a new shape (its box follows it); null leaves it a plain box. */
  setShape(boxId: number, shape: Shape | null): void
  /** Marks the object as a crowd region (COCO's iscrowd), or as one object again. */
  setCrowd(boxId: number, crowd: boolean): void
  relabel(boxId: number, label: string | null): void
  remove(boxId: number): void
  undo(): void
  redo(): void
  copyFrom(fromImageId: number): void
  setTags(tags: string[]): void
  setStatus(status: ReviewStatus): Promise<boolean>
  /** Tags the image with the class the active classifier predicts (the services replace its other classes); undoable. */
  acceptPrediction(label: string): void
}

/**
 * Every edit of the image's annotations, each sent at once (there is no save button). Each shows its effect
 * immediately and is then replaced by the services' reply (see AnnotationStore); a refusal, such as a box too small
 * to keep, rolls the change back and shows a toast.
 */
export function useImageEditing(store: AnnotationStore, imageId: number | null): ImageEditing {
  const client = useClient()
  const { reportError, notify } = useToasts()

  return useMemo<ImageEditing>(() => {
    const api = client.api.annotations
    const noImage = () => Promise.resolve(null)
    const edit = (
      optimistic: (annotations: ImageAnnotations) => ImageAnnotations,
      send: (imageId: number) => Promise<ImageAnnotations>,
      after?: Promise<unknown>,
    ): Promise<ImageAnnotations | null> => {
      if (imageId === null) return noImage()
      return store.edit(imageId, optimistic, () => send(imageId), after).catch((error: unknown) => {
        reportError(error)
        return null
      })
    }
    /** Changes one box, which may still be being saved under a temporary id: the request waits for its real id. */
    const editBox = (
      boxId: number,
      change: (box: Box) => Box | null,
      send: (imageId: number, savedId: number) => Promise<ImageAnnotations>,
    ) => {
      const optimistic = (annotations: ImageAnnotations) => ({
        ...annotations,
        boxes: annotations.boxes.flatMap((box) => {
          if (!store.isBox(box, boxId)) return [box]
          const changed = change(box)
          return changed ? [changed] : []
        }),
      })
      const saved = boxId < 0 ? store.savedId(boxId) : undefined
      void edit(
        optimistic,
        (image) => {
          const savedId = store.resolvedId(boxId)
          if (savedId < 0) throw new Error(t('annotate.notice.boxNotSaved'))
          return send(image, savedId)
        },
        saved,
      )
    }

    /** Adds one object, shown at once under a temporary id that later edits can use until the real one is known. */
    const add = (box: Omit<Box, 'id'>, send: (imageId: number) => Promise<ImageAnnotations>) => {
      const temporaryId = store.temporaryId()
      const saved = edit(
        (annotations) => ({
          ...annotations,
          boxes: [...annotations.boxes, { id: temporaryId, ...box }],
          status: annotations.status === 'unlabelled' ? 'in_progress' : annotations.status,
        }),
        send,
      ).then((reply) => (reply ? newestBoxId(reply) : null))
      store.trackSave(temporaryId, saved)
      return { temporaryId, saved }
    }

    return {
      draw(rect, label) {
        return add({ label, ...rect }, (image) => api.addBox({ imageId: image, label, ...rect }))
      },
      drawShape(shape, label, crowd = false) {
        const bounds = shapeBounds(shape) ?? { x: 0, y: 0, width: 0, height: 0 }
        return add({ label, ...bounds, shape, ...(crowd ? { crowd } : {}) }, (image) =>
          api.addBox({ imageId: image, label, shape, ...(crowd ? { crowd } : {}) }),
        )
      },
      reshape(boxId, rect) {
        editBox(
          boxId,
          // A polygon object's parts move with its box, as the services move them.
          (box) =>
            box.shape?.kind === 'polygons' ? { ...box, ...rect, shape: { kind: 'polygons', polygons: fitPolygonsToBox(box.shape.polygons, box, rect) } } : { ...box, ...rect },
          (image, id) => api.updateBox({ imageId: image, boxId: id, ...rect }),
        )
      },
      setShape(boxId, shape) {
        editBox(
          boxId,
          (box) => {
            const changed = { ...box, ...(shape && shapeBounds(shape)), shape: shape ?? undefined }
            if (!shape) delete changed.shape
            return changed
          },
          (image, id) => api.updateBox({ imageId: image, boxId: id, shape }),
        )
      },
      setCrowd(boxId, crowd) {
        editBox(
          boxId,
          (box) => ({ ...box, crowd }),
          (image, id) => api.updateBox({ imageId: image, boxId: id, crowd }),
        )
      },
      relabel(boxId, label) {
        editBox(
          boxId,
          (box) => ({ ...box, label }),
          (image, id) => api.updateBox({ imageId: image, boxId: id, label }),
        )
      },
      remove(boxId) {
        editBox(
          boxId,
          () => null,
          (image, id) => api.deleteBoxes({ imageId: image, boxIds: [id] }),
        )
      },
      undo() {
        void edit((annotations) => annotations, (image) => api.undo({ imageId: image }))
      },
      redo() {
        void edit((annotations) => annotations, (image) => api.redo({ imageId: image }))
      },
      copyFrom(fromImageId) {
        const before = imageId === null ? null : store.get(imageId)
        void edit((annotations) => annotations, (image) => api.copyBoxes({ imageId: image, fromImageId })).then((reply) => {
          if (!reply) return
          const added = reply.boxes.length - (before?.boxes.length ?? 0)
          notify(added > 0 ? t('annotate.notice.copiedBoxes', { count: added }) : t('annotate.notice.noBoxesToCopy'))
        })
      },
      setTags(tags) {
        const sorted = [...new Set(tags)].sort()
        void edit((annotations) => ({ ...annotations, tags: sorted }), (image) => api.setTags({ imageId: image, tags: sorted }))
      },
      async setStatus(status) {
        const reply = await edit(
          (annotations) => ({ ...annotations, status }),
          async (image) => {
            await client.api.catalog.setStatus({ imageIds: [image], status })
            return api.get({ imageId: image })
          },
        )
        return reply !== null
      },
      acceptPrediction(label) {
        void edit(
          // As the service does: accepting labels the image, and a reviewed one stays reviewed.
          (annotations) => ({
            ...annotations,
            tags: [...new Set([...annotations.tags, label])].sort(),
            status: annotations.status === 'reviewed' ? annotations.status : 'labelled',
          }),
          async (image) => {
            await client.api.training.acceptPredictions({ imageIds: [image] })
            return api.get({ imageId: image })
          },
        )
      },
    }
  }, [client, store, imageId, reportError, notify])
}

/** Box ids only ever grow, so the box an add created is the one with the highest id. */
function newestBoxId(annotations: ImageAnnotations): number | null {
  let newest: number | null = null
  for (const box of annotations.boxes) if (newest === null || box.id > newest) newest = box.id
  return newest
}
