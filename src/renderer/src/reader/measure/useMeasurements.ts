import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { ImageAnnotations, Measurement, MeasurementKind, MeasurementPoint } from '../../../../shared/api/schemas'
import { AnnotationStore } from '../../annotate/AnnotationStore'
import { useClient } from '../../client/ClientContext'
import { useCatalogRevision } from '../../client/useCatalogRevision'
import { useToasts } from '../../feedback/ToastContext'
import { t } from '../../i18n/t'

export interface SliceMeasurements {
  /** The slice's measurements (a new one shows at once, under a temporary negative id until it is stored). */
  measurements: readonly Measurement[]
  selectedId: number | null
  select(measurementId: number | null): void
  /** Selects a measurement of another slice, for when the reader gets there (the list opening one). */
  selectOn(imageId: number, measurementId: number): void
  create(kind: MeasurementKind, points: MeasurementPoint[]): void
  move(measurementId: number, points: MeasurementPoint[]): void
  /** Removes measurements of any slice (the list deletes those of other slices too). */
  remove(imageId: number, measurementIds: readonly number[]): void
  undo(): void
  redo(): void
  canUndo: boolean
  canRedo: boolean
  /** Goes up whenever measurements may have changed, here or elsewhere: what lists them fetches them again. */
  revision: number
}

const NO_MEASUREMENTS: readonly Measurement[] = []

/**
 * The measurements of the slice the reader shows, kept like the annotation workspace keeps boxes (AnnotationStore:
 * each edit shown at once, then replaced by the services' reply). Undo and redo are the image's own history, which
 * measurements share with its boxes. A refused edit rolls back and says why in a toast.
 */
export function useMeasurements(imageId: number | null): SliceMeasurements {
  const client = useClient()
  const { reportError } = useToasts()
  const store = useMemo(() => new AnnotationStore((id) => client.api.annotations.get({ imageId: id })), [client])
  const annotations = useSyncExternalStore(store.subscribe, () => (imageId === null ? null : store.get(imageId)))
  const [selection, setSelection] = useState<{ imageId: number; measurementId: number } | null>(null)
  const [edits, setEdits] = useState(0)
  const catalogRevision = useCatalogRevision()

  // Changes made elsewhere (another window, an import that removed images) are fetched again before being trusted.
  useEffect(() => {
    store.markAllStale()
  }, [store, catalogRevision])
  useEffect(() => {
    if (imageId !== null) store.load(imageId).catch(reportError)
  }, [store, imageId, catalogRevision, reportError])

  const measurements = annotations?.measurements ?? NO_MEASUREMENTS
  const selectedOnSlice = selection && selection.imageId === imageId ? store.resolvedId(selection.measurementId) : null
  // A selected measurement can go away under the selection (undone, deleted elsewhere).
  const selectedId = measurements.some((measurement) => measurement.id === selectedOnSlice) ? selectedOnSlice : null

  const edit = useCallback(
    (target: number, optimistic: (state: ImageAnnotations) => ImageAnnotations, send: () => Promise<ImageAnnotations>, after?: Promise<unknown>) =>
      store.edit(target, optimistic, send, after).then(
        (reply) => {
          setEdits((n) => n + 1)
          return reply
        },
        (error: unknown) => {
          reportError(error)
          return null
        },
      ),
    [store, reportError],
  )

  const select = useCallback((measurementId: number | null) => {
    setSelection(measurementId === null || imageId === null ? null : { imageId, measurementId })
  }, [imageId])

  const selectOn = useCallback((target: number, measurementId: number) => setSelection({ imageId: target, measurementId }), [])

  const create = useCallback(
    (kind: MeasurementKind, points: MeasurementPoint[]) => {
      if (imageId === null) return
      const temporaryId = store.temporaryId()
      const saved = edit(
        imageId,
        (state) => ({ ...state, measurements: [...state.measurements, { id: temporaryId, kind, points }] }),
        () => client.api.annotations.addMeasurement({ imageId, kind, points }),
      ).then((reply) => (reply ? newestMeasurementId(reply) : null))
      store.trackSave(temporaryId, saved)
      // The new measurement is selected, with its handles, for a correction right away.
      setSelection({ imageId, measurementId: temporaryId })
      void saved.then((id) => setSelection((current) => (current?.measurementId === temporaryId ? (id === null ? null : { imageId, measurementId: id }) : current)))
    },
    [client, store, edit, imageId],
  )

  const move = useCallback(
    (measurementId: number, points: MeasurementPoint[]) => {
      if (imageId === null) return
      // A measurement still being stored is moved once it has its id.
      const saved = measurementId < 0 ? store.savedId(measurementId) : undefined
      void edit(
        imageId,
        (state) => ({ ...state, measurements: state.measurements.map((m) => (isMeasurement(store, m, measurementId) ? { ...m, points } : m)) }),
        () => {
          const storedId = store.resolvedId(measurementId)
          if (storedId < 0) throw new Error(t('reader.measure.notStoredMove'))
          return client.api.annotations.updateMeasurement({ imageId, measurementId: storedId, points })
        },
        saved,
      )
    },
    [client, store, edit, imageId],
  )

  const remove = useCallback(
    (target: number, measurementIds: readonly number[]) => {
      const waiting = measurementIds.filter((id) => id < 0).map((id) => store.savedId(id))
      void edit(
        target,
        (state) => ({ ...state, measurements: state.measurements.filter((m) => !measurementIds.some((id) => isMeasurement(store, m, id))) }),
        () => {
          const stored = measurementIds.map((id) => store.resolvedId(id)).filter((id) => id > 0)
          if (stored.length === 0) throw new Error(t('reader.measure.notStoredDelete'))
          return client.api.annotations.deleteMeasurements({ imageId: target, measurementIds: stored })
        },
        waiting.length > 0 ? Promise.all(waiting) : undefined,
      )
      setSelection((current) => (current && current.imageId === target && measurementIds.includes(current.measurementId) ? null : current))
    },
    [client, store, edit],
  )

  const undo = useCallback(() => {
    if (imageId !== null) void edit(imageId, (state) => state, () => client.api.annotations.undo({ imageId }))
  }, [client, edit, imageId])
  const redo = useCallback(() => {
    if (imageId !== null) void edit(imageId, (state) => state, () => client.api.annotations.redo({ imageId }))
  }, [client, edit, imageId])

  return {
    measurements,
    selectedId,
    select,
    selectOn,
    create,
    move,
    remove,
    undo,
    redo,
    canUndo: annotations?.canUndo ?? false,
    canRedo: annotations?.canRedo ?? false,
    revision: catalogRevision + edits,
  }
}

/** Whether `measurement` is the one referred to as `id`, which may be the temporary id it was drawn under. */
const isMeasurement = (store: AnnotationStore, measurement: Measurement, id: number) =>
  measurement.id === id || (id < 0 && store.resolvedId(id) === measurement.id)

/** Ids only ever grow, so the measurement an add created is the one with the highest id. */
function newestMeasurementId(annotations: ImageAnnotations): number | null {
  let newest: number | null = null
  for (const measurement of annotations.measurements) if (newest === null || measurement.id > newest) newest = measurement.id
  return newest
}
