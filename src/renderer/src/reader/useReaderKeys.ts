import { PRESET_KEYS } from '../annotate/dicom/DicomDisplay'
import { isTypingTarget } from '../ui/isTypingTarget'
import { useWindowKeydown } from '../ui/useWindowKeydown'

export interface ReaderKeyActions {
  step(delta: number): void
  first(): void
  last(): void
  toggleCine(): void
  zoom(direction: 1 | -1): void
  fit(): void
  /** F2 is 0; false when the slice has no such preset. */
  preset(position: number): boolean
  invert(): void
  reset(): void
  toggleOverlays(): void
  compare(): void
  close(): void
}

/** Slices a PageUp or PageDown moves. */
const PAGE = 10

/** The reader's keys, as its help lists them (READER_KEYS); none fire while typing in a field or while `active` is false. */
export function useReaderKeys(active: boolean, actions: ReaderKeyActions): void {
  useWindowKeydown(active, (event) => {
    if (event.defaultPrevented || isTypingTarget(event.target) || event.altKey || event.metaKey) return
    if (event.ctrlKey && event.key !== '0' && event.key !== '+' && event.key !== '-' && event.key !== '=') return
    if (handle(event.key, actions)) event.preventDefault()
  })
}

function handle(key: string, actions: ReaderKeyActions): boolean {
  const preset = (PRESET_KEYS as readonly string[]).indexOf(key)
  if (preset >= 0) return actions.preset(preset)
  switch (key) {
    case 'ArrowDown':
      actions.step(1)
      return true
    case 'ArrowUp':
      actions.step(-1)
      return true
    case 'PageDown':
      actions.step(PAGE)
      return true
    case 'PageUp':
      actions.step(-PAGE)
      return true
    case 'Home':
      actions.first()
      return true
    case 'End':
      actions.last()
      return true
    case ' ':
      actions.toggleCine()
      return true
    case '+':
    case '=':
      actions.zoom(1)
      return true
    case '-':
      actions.zoom(-1)
      return true
    case '0':
      actions.fit()
      return true
    case 'Escape':
      actions.close()
      return true
  }
  switch (key.toLowerCase()) {
    case 'v':
      actions.invert()
      return true
    case 'r':
      actions.reset()
      return true
    case 'i':
      actions.toggleOverlays()
      return true
    case 'c':
      actions.compare()
      return true
    default:
      return false
  }
}

/** The reader's keys for its help line and buttons' titles. */
export const READER_KEYS = [
  ['Wheel, ↑ ↓', 'Previous or next slice'],
  ['PgUp PgDn', '10 slices'],
  ['Home End', 'First or last slice'],
  ['Ctrl+wheel, + − 0', 'Zoom about the cursor; 0 fits'],
  ['Left drag', 'Window/level'],
  ['Shift+drag, middle drag', 'Pan'],
  ['Right drag', 'Zoom'],
  ['F2–F9', 'Window presets'],
  ['V', 'Invert'],
  ['R', 'Reset window, zoom and pan'],
  ['Space', 'Play or pause cine'],
  ['I', 'Overlays on or off'],
  ['C', 'Compare with another series'],
  ['Esc', 'Back'],
] as const
