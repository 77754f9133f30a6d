import { useCallback, useMemo, useState } from 'react'
import type { AnomalyHeatmap, BoxSuggestion } from '../../../shared/api/schemas'
import type { ImageEditing } from './useImageEditing'

export interface AnomalySuggestions {
  /** The heat map's hot regions not yet accepted or rejected, hottest first, as box suggestions of `label`. */
  pending: readonly BoxSuggestion[]
  /** Each becomes a box of the chosen class: one edit each, undone like any drawn box. */
  accept(ids: readonly number[]): void
  reject(ids: readonly number[]): void
}

/**
 * The hot regions of the image's anomaly map as box suggestions, in the form the detector's take so the canvas and
 * the suggestions panel show and act on them alike. They live only as long as the map: ids are negative (a
 * detector suggestion's id is positive), and a region accepted or rejected is not offered again for that map.
 * Scores are multiples of the threshold.
 */
export function useAnomalySuggestions(heatmap: AnomalyHeatmap | null, label: string, editing: ImageEditing): AnomalySuggestions {
  const [decided, setDecided] = useState<{ heatmap: AnomalyHeatmap | null; ids: ReadonlySet<number> }>({ heatmap: null, ids: new Set() })
  const decidedHere = decided.heatmap === heatmap ? decided.ids : null

  const pending = useMemo<BoxSuggestion[]>(() => {
    if (!heatmap) return []
    return heatmap.regions
      .map((region, index) => ({
        id: -(index + 1),
        imageId: heatmap.imageId,
        label,
        score: region.score / heatmap.threshold,
        x: region.x,
        y: region.y,
        width: region.width,
        height: region.height,
        state: 'pending' as const,
        boxId: null,
      }))
      .filter((suggestion) => !decidedHere?.has(suggestion.id))
  }, [heatmap, label, decidedHere])

  const decide = useCallback(
    (ids: readonly number[]) => setDecided((current) => ({ heatmap, ids: new Set([...(current.heatmap === heatmap ? current.ids : []), ...ids]) })),
    [heatmap],
  )

  const accept = useCallback(
    (ids: readonly number[]) => {
      for (const suggestion of pending) {
        if (ids.includes(suggestion.id)) editing.draw({ x: suggestion.x, y: suggestion.y, width: suggestion.width, height: suggestion.height }, label)
      }
      decide(ids)
    },
    [pending, editing, label, decide],
  )

  return useMemo(() => ({ pending, accept, reject: decide }), [pending, accept, decide])
}
