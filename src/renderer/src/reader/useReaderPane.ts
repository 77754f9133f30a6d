import { useEffect, useMemo, useSyncExternalStore } from 'react'
import { useClient } from '../client/ClientContext'
import { ReaderPaneModel, type PaneState } from './ReaderPaneModel'

/** A viewport's state and what can be done to it (the model's actions). */
export interface ReaderPane extends PaneState {
  model: ReaderPaneModel
  /** The slice asked for is still on its way (the last one drawn stays meanwhile). */
  loading: boolean
}

/** The reader viewport for the series of `imageId`; null when there is none (a compare viewport not chosen yet). */
export function useReaderPane(imageId: number): ReaderPane
export function useReaderPane(imageId: number | null): ReaderPane | null
export function useReaderPane(imageId: number | null): ReaderPane | null {
  const client = useClient()
  const model = useMemo(() => new ReaderPaneModel(client), [client])
  useEffect(() => () => model.dispose(), [model])
  useEffect(() => {
    if (imageId !== null) model.open(imageId)
  }, [model, imageId])
  const latest = useSyncExternalStore(model.subscribe, model.current)
  if (imageId === null) return null
  // Until the effect above has opened it, the series is on its way.
  const state = latest?.imageId === imageId ? latest : model.opening(imageId)
  const wanted = state.stack?.slices[state.index]?.imageId ?? null
  return { ...state, model, loading: wanted !== null && state.shown?.imageId !== wanted && state.sliceError === null }
}
