import { useMemo } from 'react'
import type { BoxSuggestion } from '../../../shared/api/schemas'
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

export function useShownSuggestions(pending: readonly BoxSuggestion[], boxesHidden: boolean): ShownSuggestions {
  const [threshold, setThreshold] = useStoredState('loupe.annotate.suggestionThreshold', 0.5)
  const shown = useMemo(
    () => (boxesHidden ? [] : pending.filter((suggestion) => suggestion.score >= threshold)),
    [pending, threshold, boxesHidden],
  )
  return { threshold, setThreshold, shown, highlighted: shown[0] ?? null }
}
