import { useEffect, useEffectEvent, useRef, type ReactNode } from 'react'
import './popover.css'

interface Props {
  onClose(): void
  /** Where it opens relative to the element it is anchored to. */
  placement: 'above' | 'below'
  children: ReactNode
}

/** A small floating panel that closes on Esc or a click elsewhere; place it inside a `position: relative` anchor. */
export function Popover({ onClose, placement, children }: Props) {
  const ref = useRef<HTMLDivElement>(null)
  const onPointerDown = useEffectEvent((event: PointerEvent) => {
    if (!ref.current?.parentElement?.contains(event.target as Node)) onClose()
  })
  useEffect(() => {
    const listener = (event: PointerEvent) => onPointerDown(event)
    document.addEventListener('pointerdown', listener, true)
    return () => document.removeEventListener('pointerdown', listener, true)
  }, [])

  return (
    <div
      ref={ref}
      className={`popover popover-${placement}`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        // Esc closes just the popover, not also the selection or the viewer behind it, nor (by its default action)
        // a dialog around it.
        event.stopPropagation()
        event.preventDefault()
        onClose()
      }}
    >
      {children}
    </div>
  )
}
