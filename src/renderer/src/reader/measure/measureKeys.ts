import type { MessageKey } from '../../i18n/catalog-types'
import type { MeasureTool } from '../viewportSurface'

/** The tools in the toolbar's order, each with its key: none of them is one of the reader's own keys. */
export const MEASURE_TOOLS: readonly { tool: MeasureTool; key: string }[] = [
  { tool: 'length', key: 'L' },
  { tool: 'rectangle', key: 'B' },
  { tool: 'ellipse', key: 'O' },
  { tool: 'angle', key: 'A' },
]

export type MeasureCommand =
  | { command: 'tool'; tool: MeasureTool | null }
  | { command: 'cancel-draft' }
  | { command: 'deselect' }
  | { command: 'delete' }
  | { command: 'undo' }
  | { command: 'redo' }

interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

interface MeasureState {
  tool: MeasureTool | null
  drafting: boolean
  selected: boolean
}

/**
 * What a key does to the measurements, or null when it is not theirs (the reader's, then). A tool's key picks it
 * and picks it off again; Esc undoes the innermost thing first (the measurement being drawn, then the tool, then
 * the selection) and is left to the reader, which closes, when there is none.
 */
export function measureCommand(press: KeyPress, state: MeasureState): MeasureCommand | null {
  if (press.altKey) return null
  if (press.ctrlKey || press.metaKey) {
    const key = press.key.toLowerCase()
    if (key === 'z') return { command: press.shiftKey ? 'redo' : 'undo' }
    if (key === 'y' && !press.shiftKey) return { command: 'redo' }
    return null
  }
  if (press.key === 'Escape') {
    if (state.drafting) return { command: 'cancel-draft' }
    if (state.tool) return { command: 'tool', tool: null }
    return state.selected ? { command: 'deselect' } : null
  }
  if (press.key === 'Delete' || press.key === 'Backspace') return state.selected ? { command: 'delete' } : null
  if (press.shiftKey) return null
  const chosen = MEASURE_TOOLS.find((candidate) => candidate.key === press.key.toUpperCase())
  if (!chosen) return null
  return { command: 'tool', tool: state.tool === chosen.tool ? null : chosen.tool }
}

/** The measurement keys as the reader's key list shows them, beside its own. */
export const MEASURE_KEYS: readonly (readonly [keys: MessageKey, action: MessageKey])[] = [
  ['reader.keys.measureTools.keys', 'reader.keys.measureTools.action'],
  ['reader.keys.draw.keys', 'reader.keys.draw.action'],
  ['reader.keys.delete.keys', 'reader.keys.delete.action'],
  ['reader.keys.undo.keys', 'reader.keys.undo.action'],
  ['reader.keys.escape.keys', 'reader.keys.escape.action'],
]
