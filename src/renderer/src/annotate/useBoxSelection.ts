import { useCallback, useState } from 'react'
import type { Box } from '../../../shared/api/schemas'
import type { AnnotationStore } from './AnnotationStore'

export interface BoxSelection {
  selectedId: number | null
  selectedBox: Box | null
  select(boxId: number | null): void
  /** Selects a box just drawn under its temporary id, then under the id it was saved as (none if it was refused). */
  selectDrawn(temporaryId: number, saved: Promise<number | null>): void
}

/** The selected box of the image shown; selecting on one image selects nothing on the next. */
export function useBoxSelection(store: AnnotationStore, imageId: number | null, boxes: readonly Box[]): BoxSelection {
  const [selection, setSelection] = useState<{ imageId: number; boxId: number } | null>(null)
  const raw = selection && selection.imageId === imageId ? selection.boxId : null
  // A box selected while it was being saved keeps its selection under the id it was saved as.
  const selectedId = raw === null ? null : boxes.some((box) => box.id === raw) ? raw : store.resolvedId(raw)
  const selectedBox = boxes.find((box) => box.id === selectedId) ?? null

  const select = useCallback((boxId: number | null) => setSelection(boxId === null || imageId === null ? null : { imageId, boxId }), [imageId])

  const selectDrawn = useCallback(
    (temporaryId: number, saved: Promise<number | null>) => {
      if (imageId === null) return
      setSelection({ imageId, boxId: temporaryId })
      void saved.then((id) =>
        setSelection((current) =>
          current?.imageId === imageId && current.boxId === temporaryId ? (id === null ? null : { imageId, boxId: id }) : current,
        ),
      )
    },
    [imageId],
  )

  return { selectedId, selectedBox, select, selectDrawn }
}
