import type Konva from 'konva'
import { useCallback } from 'react'
import { Layer, Shape } from 'react-konva'
import type { BoxSuggestion } from '../../../shared/api/schemas'
import { screenRect, toScreenSpace } from './drawing'
import { boxAt, type Point } from './geometry'
import type { View } from './view'
import type { Viewport } from './Viewport'

/** Suggestions of a label the catalogue does not have yet. */
export const SUGGESTION_COLOR = '#e8b055'
// i18n-exempt: a CSS font
const TAG_FONT = '600 11px system-ui, sans-serif'

interface Props {
  suggestions: readonly BoxSuggestion[]
  /** The one Y accepts and N rejects, drawn heavier. */
  highlightedId: number | null
  colors: ReadonlyMap<string, string>
  viewport: Viewport
}

/**
 * The detector's pending box suggestions, between the real boxes and the editing overlay: dashed and unfilled, with
 * their label and score, so they read as proposals rather than annotations. Zoom and pan redraw it with the stage.
 */
export function SuggestionLayer({ suggestions, highlightedId, colors, viewport }: Props) {
  const scene = useCallback(
    (context: Konva.Context, shape: Konva.Shape) => {
      toScreenSpace(context, shape)
      const view = viewport.current()
      // The highlighted one last, on top of any it overlaps.
      const ordered = [...suggestions.filter((s) => s.id !== highlightedId), ...suggestions.filter((s) => s.id === highlightedId)]
      for (const suggestion of ordered) {
        drawSuggestion(context, suggestion, colors.get(suggestion.label) ?? SUGGESTION_COLOR, suggestion.id === highlightedId, view)
      }
    },
    [suggestions, highlightedId, colors, viewport],
  )
  return (
    <Layer listening={false}>
      <Shape sceneFunc={scene} listening={false} perfectDrawEnabled={false} />
    </Layer>
  )
}

/** The suggestion a click at `point` (image pixels) picks: the smallest one containing it. */
export function suggestionAt(suggestions: readonly BoxSuggestion[], point: Point): BoxSuggestion | undefined {
  return boxAt(suggestions, point)
}

function drawSuggestion(context: Konva.Context, suggestion: BoxSuggestion, color: string, highlighted: boolean, view: View): void {
  const rect = screenRect(view, suggestion)
  // A dark line under the dashes keeps them visible on light and dark images alike.
  context.setLineDash([])
  context.setAttr('lineWidth', highlighted ? 4 : 3)
  context.setAttr('strokeStyle', 'rgba(0,0,0,0.45)')
  context.strokeRect(rect.x, rect.y, rect.width, rect.height)
  context.setLineDash(highlighted ? [8, 4] : [5, 4])
  context.setAttr('lineWidth', highlighted ? 2 : 1.5)
  context.setAttr('strokeStyle', color)
  context.strokeRect(rect.x, rect.y, rect.width, rect.height)
  context.setLineDash([])
  if (rect.width < 24 || rect.height < 12) return
  const text = `${suggestion.label} ${suggestion.score.toFixed(2)}`
  context.setAttr('font', TAG_FONT)
  const width = context.measureText(text).width + 8
  // Inside the top-left corner: a real box's name tab sits above its box, so the two never cover each other.
  const top = rect.y + 1
  context.setAttr('fillStyle', highlighted ? 'rgba(12,13,15,0.9)' : 'rgba(12,13,15,0.7)')
  context.fillRect(rect.x + 1, top, width, 16)
  context.setAttr('fillStyle', color)
  context.setAttr('textBaseline', 'middle')
  context.fillText(text, rect.x + 5, top + 8.5)
}
