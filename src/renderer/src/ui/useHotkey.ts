import { isTypingTarget } from './isTypingTarget'
import { useWindowKeydown } from './useWindowKeydown'

/** A single-letter shortcut (no modifiers), ignored while typing in a field or while `active` is false. */
export function useHotkey(key: string, handler: () => void, active: boolean): void {
  useWindowKeydown(active, (event) => {
    if (event.key.toLowerCase() !== key || event.ctrlKey || event.metaKey || event.altKey) return
    if (isTypingTarget(event.target)) return
    event.preventDefault()
    handler()
  })
}
