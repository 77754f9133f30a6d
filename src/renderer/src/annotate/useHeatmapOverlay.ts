import { useCallback, useMemo } from 'react'
import type { Label } from '../../../shared/api/schemas'
import { heatmapImage } from './heatmapImage'
import { useAnomalyHeatmap, type HeatmapState } from './useAnomalyHeatmap'
import { useAnomalySuggestions, type AnomalySuggestions } from './useAnomalySuggestions'
import { useDefectClass } from './useDefectClass'
import type { ImageEditing } from './useImageEditing'
import { useStoredState } from './useStoredState'

export interface HeatmapOverlay {
  /** The workspace has an anomaly model: the heat map is offered only then. */
  available: boolean
  /** Switched on (a choice kept across sessions) and available. */
  on: boolean
  toggle(): void
  opacity: number
  setOpacity(opacity: number): void
  map: HeatmapState
  /** What the canvas draws: the map as a picture, for the image it belongs to. */
  canvas: { imageId: number; map: HTMLCanvasElement; opacity: number } | null
  defectClass: string
  setDefectClass(name: string): void
  /** The map's hot regions as box suggestions of the defect class. */
  defects: AnomalySuggestions
}

/** The anomaly heat map of the image shown, while switched on (and only computed then), and what comes with it. */
export function useHeatmapOverlay(imageId: number | null, labels: readonly Label[], lastUsed: Label | null, editing: ImageEditing): HeatmapOverlay {
  const [shown, setShown] = useStoredState('loupe.annotate.heatmap', false)
  const [opacity, setOpacity] = useStoredState('loupe.annotate.heatmapOpacity', 0.6)
  const map = useAnomalyHeatmap(imageId, shown)
  const available = map.hasModel === true
  const on = shown && available
  const picture = useMemo(() => map.heatmap && heatmapImage(map.heatmap), [map.heatmap])
  const canvas = useMemo(
    () => (on && map.heatmap && picture ? { imageId: map.heatmap.imageId, map: picture, opacity } : null),
    [on, map.heatmap, picture, opacity],
  )
  const [defectClass, setDefectClass] = useDefectClass(labels, lastUsed)
  const defects = useAnomalySuggestions(on ? map.heatmap : null, defectClass, editing)
  const toggle = useCallback(() => setShown((current) => !current), [setShown])
  return { available, on, toggle, opacity, setOpacity, map, canvas, defectClass, setDefectClass, defects }
}
