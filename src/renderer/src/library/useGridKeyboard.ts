import { isTypingTarget } from '../ui/isTypingTarget'
import { useWindowKeydown } from '../ui/useWindowKeydown'
import type { SelectMode, Selection } from './useSelection'

interface Options {
  /** False while a dialog or the viewer is on top and owns the keyboard. */
  active: boolean
  total: number
  columns: number
  rowsPerScreen: number
  selection: Selection
  onOpen(index: number): void
}

/**
 * File-manager keys for the grid: arrows/Home/End/PageUp/PageDown move (Shift extends, Ctrl/Cmd moves without
 * selecting), Space toggles, Enter opens, Ctrl/Cmd+A selects everything in view, Esc clears.
 */
export function useGridKeyboard(options: Options): void {
  useWindowKeydown(true, (event) => {
    const { total, columns, rowsPerScreen, selection } = options
    if (!options.active || total === 0 || isTypingTarget(event.target) || event.altKey) return
    const command = event.ctrlKey || event.metaKey
    const cursor = selection.cursor

    if (command && event.key.toLowerCase() === 'a') {
      event.preventDefault()
      void selection.selectAll()
      return
    }
    if (event.key === 'Escape') {
      selection.clear()
      return
    }
    // Enter and Space on a focused button are that button's.
    const onControl = event.target instanceof Element && event.target.closest('button, a') !== null
    if ((event.key === 'Enter' || event.key === ' ') && onControl) return
    if (event.key === 'Enter' && cursor !== null) {
      event.preventDefault()
      options.onOpen(cursor)
      return
    }
    if (event.key === ' ' && cursor !== null) {
      event.preventDefault()
      void selection.select(cursor, 'toggle')
      return
    }

    const from = cursor ?? -1
    const target = targetIndex(event.key, from, columns, rowsPerScreen, total)
    if (target === null) return
    event.preventDefault()
    const mode: SelectMode = event.shiftKey ? (command ? 'addRange' : 'range') : command ? 'move' : 'only'
    void selection.select(target, mode)
  })
}

const MOVE_KEYS = ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home']

function targetIndex(key: string, from: number, columns: number, rowsPerScreen: number, total: number): number | null {
  const clamp = (index: number) => Math.min(total - 1, Math.max(0, index))
  // With no cursor yet, any movement key starts at the first tile.
  if (from < 0) return key === 'End' ? total - 1 : MOVE_KEYS.includes(key) ? 0 : null
  switch (key) {
    case 'ArrowRight':
      return clamp(from + 1)
    case 'ArrowLeft':
      return clamp(from - 1)
    case 'ArrowDown':
      return clamp(from + columns)
    case 'ArrowUp':
      return clamp(from - columns)
    case 'PageDown':
      return clamp(from + columns * rowsPerScreen)
    case 'PageUp':
      return clamp(from - columns * rowsPerScreen)
    case 'Home':
      return 0
    case 'End':
      return total - 1
    default:
      return null
  }
}
