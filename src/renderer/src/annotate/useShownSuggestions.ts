import { useMemo } from 'react'
import { PrelabelRequest, type BoxSuggestion } from '../../../shared/api/schemas'
import { useStoredState } from './useStoredState'

export interface ShownSuggestions {
  /** The lowest score shown, kept across sessions. */
  threshold: number
  setThreshold(threshold: number): void
  /** Those at or above it, best first: drawn on the canvas and acted on by Y and N. */
  shown: readonly BoxSuggestion[]
  /** The best of them, which Y and N take. */
  highlighted: BoxSuggestion | null
}

/**
 * Until the person picks one, the canvas shows what a pre-label run keeps by default: a higher bar here hid suggestions
 * the run had just stored (a giraffe at 0.42 under a 0.5 canvas after a 0.3 run).
 */
const DEFAULT_SHOWN_FROM = PrelabelRequest.parse({}).threshold

export function useShownSuggestions(pending: readonly BoxSuggestion[], boxesHidden: boolean): ShownSuggestions {
  const [threshold, setThreshold] = useStoredState('loupe.annotate.suggestionThreshold', DEFAULT_SHOWN_FROM)
  const shown = useMemo(
    () => (boxesHidden ? [] : pending.filter((suggestion) => suggestion.score >= threshold)),
    [pending, threshold, boxesHidden],
  )
  return { threshold, setThreshold, shown, highlighted: shown[0] ?? null }
}
