import { useEffect, useEffectEvent } from 'react'
import { isTypingTarget } from './isTypingTarget'

/** A single-letter shortcut (no modifiers), ignored while typing in a field or while `active` is false. */
export function useHotkey(key: string, handler: () => void, active: boolean): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.key.toLowerCase() !== key || event.ctrlKey || event.metaKey || event.altKey) return
    if (isTypingTarget(event.target)) return
    event.preventDefault()
    handler()
  })
  useEffect(() => {
    if (!active) return
    const listener = (event: KeyboardEvent) => onKeyDown(event)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [active])
}
