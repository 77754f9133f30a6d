import { isTypingTarget } from '../../ui/isTypingTarget'
import { useWindowKeydown } from '../../ui/useWindowKeydown'
import type { MeasureTool } from '../viewportSurface'
import { measureCommand } from './measureKeys'

interface Options {
  /** False while a dialog has the keyboard, or the reader is not the screen shown. */
  active: boolean
  tool: MeasureTool | null
  setTool(tool: MeasureTool | null): void
  /** Whether a measurement is being drawn, and dropping it (see MeasurementLayerHandle). */
  hasDraft(): boolean
  cancelDraft(): void
  selectedId: number | null
  deselect(): void
  deleteSelected(): void
  undo(): void
  redo(): void
}

/**
 * The measurement keys (measureKeys.ts), for the reader to call while it is shown. They are heard before the
 * reader's own (capture phase), so Esc drops a tool before it closes the reader; a key they take goes no further.
 */
export function useMeasureKeys(options: Options): void {
  useWindowKeydown(true, (event) => {
    if (!options.active || event.defaultPrevented || isTypingTarget(event.target)) return
    // Heard before anything else, so keys pressed in a dialog opened over the reader are left to that dialog here.
    if (event.target instanceof Element && event.target.closest('dialog')) return
    const found = measureCommand(event, { tool: options.tool, drafting: options.hasDraft(), selected: options.selectedId !== null })
    if (!found) return
    event.preventDefault()
    event.stopPropagation()
    switch (found.command) {
      case 'tool':
        return options.setTool(found.tool)
      case 'deselect':
        return options.deselect()
      case 'delete':
        return options.deleteSelected()
      case 'undo':
        return options.undo()
      case 'redo':
        return options.redo()
      case 'cancel-draft':
        return options.cancelDraft()
    }
  }, true)
}
