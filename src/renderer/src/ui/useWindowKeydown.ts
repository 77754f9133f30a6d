import { useEffect, useEffectEvent } from 'react'

/**
 * Listens to every key pressed in the window while `active`, with the latest `onKeyDown` (it may read current state
 * without re-subscribing). `capture`: before the page's other listeners, so a key handled here can be kept from them.
 */
export function useWindowKeydown(active: boolean, onKeyDown: (event: KeyboardEvent) => void, capture = false): void {
  const handle = useEffectEvent(onKeyDown)
  useEffect(() => {
    if (!active) return
    const listener = (event: KeyboardEvent) => handle(event)
    window.addEventListener('keydown', listener, capture)
    return () => window.removeEventListener('keydown', listener, capture)
  }, [active, capture])
}
