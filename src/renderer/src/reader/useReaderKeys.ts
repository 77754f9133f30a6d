import type { MessageKey } from '../i18n/catalog-types'
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

/** The reader's keys for its help line and buttons' titles: each the keys' and the action's message. */
export const READER_KEYS: readonly (readonly [keys: MessageKey, action: MessageKey])[] = [
  ['reader.keys.slice.keys', 'reader.keys.slice.action'],
  ['reader.keys.tenSlices.keys', 'reader.keys.tenSlices.action'],
  ['reader.keys.ends.keys', 'reader.keys.ends.action'],
  ['reader.keys.zoom.keys', 'reader.keys.zoom.action'],
  ['reader.keys.window.keys', 'reader.keys.window.action'],
  ['reader.keys.pan.keys', 'reader.keys.pan.action'],
  ['reader.keys.dragZoom.keys', 'reader.keys.dragZoom.action'],
  ['reader.keys.presets.keys', 'reader.keys.presets.action'],
  ['reader.keys.invert.keys', 'reader.keys.invert.action'],
  ['reader.keys.reset.keys', 'reader.keys.reset.action'],
  ['reader.keys.cine.keys', 'reader.keys.cine.action'],
  ['reader.keys.overlays.keys', 'reader.keys.overlays.action'],
  ['reader.keys.compare.keys', 'reader.keys.compare.action'],
  ['reader.keys.back.keys', 'reader.keys.back.action'],
]
