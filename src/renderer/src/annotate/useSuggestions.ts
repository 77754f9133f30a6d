import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react'
import type { LoupeClient } from '../../../shared/api/client'
import type { BoxSuggestion } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useToasts } from '../feedback/ToastContext'
import type { AnnotationStore } from './AnnotationStore'

export interface Suggestions {
  /** The image's pending detector suggestions, highest score first. */
  pending: readonly BoxSuggestion[]
  /** Whether `pending` has been read for the image shown yet (empty before that says nothing). */
  ready: boolean
  /** Each becomes a real box, one undo step each; they leave the pending list at once. */
  accept(ids: readonly number[]): void
  reject(ids: readonly number[]): void
  /** Runs a detector on this image now (a second or so, in the services' worker); its boxes replace the pending ones. */
  detect(source: SuggestionSource): void
  /** The image a detector is working on, and which one, if any. */
  detecting: { imageId: number; source: SuggestionSource } | null
}

/** Who suggests the boxes: the COCO object detector (pre-labelling), or the box detector trained on the workspace. */
export type SuggestionSource = 'coco' | 'trained'

const NONE: readonly BoxSuggestion[] = []

/** How each source fills an image's pending suggestions; from then on they are the same suggestions. */
const SUGGEST: Record<SuggestionSource, (client: LoupeClient, imageId: number) => Promise<readonly BoxSuggestion[]>> = {
  coco: (client, imageId) => client.api.training.prelabelImage({ imageId }),
  trained: (client, imageId) => client.api.detector.suggest({ imageId }),
}

/**
 * The detectors' box suggestions for the image shown (see training.prelabel and detector.suggest), fetched for each
 * image and again whenever suggestions change anywhere ('training.changed'). Accepted boxes go through the annotation
 * store like any other edit: shown at once, then replaced by the services' reply.
 */
export function useSuggestions(store: AnnotationStore, imageId: number | null): Suggestions {
  const client = useClient()
  const { reportError } = useToasts()
  const [loaded, setLoaded] = useState<{ imageId: number; items: readonly BoxSuggestion[] } | null>(null)
  const [version, setVersion] = useState(0)
  const [detecting, setDetecting] = useState<Suggestions['detecting']>(null)
  const onError = useEffectEvent(reportError)

  useEffect(() => {
    if (imageId === null) return
    let current = true
    client.api.training.suggestions({ imageId }).then(
      (items) => current && setLoaded({ imageId, items }),
      (error: unknown) => current && onError(error),
    )
    return () => {
      current = false
    }
  }, [client, imageId, version])

  useClientEvent('training.changed', ({ reason }) => {
    if (reason === 'suggestions') setVersion((n) => n + 1)
  })

  const ready = loaded !== null && loaded.imageId === imageId
  const pending = ready ? loaded.items : NONE

  const drop = useCallback(
    (ids: readonly number[]) =>
      setLoaded((current) => current && { ...current, items: current.items.filter((item) => !ids.includes(item.id)) }),
    [],
  )

  const accept = useCallback(
    (ids: readonly number[]) => {
      if (imageId === null || ids.length === 0) return
      const added = pending
        .filter((item) => ids.includes(item.id))
        .map(({ label, x, y, width, height }) => ({ id: store.temporaryId(), label, x, y, width, height }))
      drop(ids)
      store
        .edit(
          imageId,
          (annotations) => ({ ...annotations, boxes: [...annotations.boxes, ...added] }),
          () => client.api.training.acceptSuggestions({ imageId, suggestionIds: [...ids] }),
        )
        .catch((error: unknown) => {
          reportError(error)
          setVersion((n) => n + 1)
        })
    },
    [client, store, imageId, pending, drop, reportError],
  )

  const reject = useCallback(
    (ids: readonly number[]) => {
      if (imageId === null || ids.length === 0) return
      drop(ids)
      client.api.training.rejectSuggestions({ imageId, suggestionIds: [...ids] }).catch((error: unknown) => {
        reportError(error)
        setVersion((n) => n + 1)
      })
    },
    [client, imageId, drop, reportError],
  )

  const detect = useCallback(
    (source: SuggestionSource) => {
      if (imageId === null) return
      setDetecting({ imageId, source })
      SUGGEST[source](client, imageId)
        .then(
          (items) => setLoaded((current) => (current === null || current.imageId === imageId ? { imageId, items } : current)),
          reportError,
        )
        .finally(() => setDetecting((current) => (current?.imageId === imageId ? null : current)))
    },
    [client, imageId, reportError],
  )

  return useMemo(() => ({ pending, ready, accept, reject, detect, detecting }), [pending, ready, accept, reject, detect, detecting])
}
