import { useEffect, type RefObject } from 'react'
import { toImage } from '../view'
import type { Viewport } from '../Viewport'
import type { DicomDisplay } from './DicomDisplay'

/**
 * Pointer input for window/level on the workspace's stage: a right drag (or, with the W/L tool on, a left drag)
 * adjusts the window, and the pixel under the cursor is read out.
 *
 * The listeners sit on the stage around the canvas, in the capture phase, so a drag they take never reaches the
 * canvas (which draws on a left drag and ignores the right button); panning (middle drag, Space + drag) is left
 * alone. The canvas' place on the page is measured when the pointer enters or presses and on resizes, as the
 * canvas itself does, rather than on every move.
 */
export function useWindowPointer(stageRef: RefObject<HTMLElement | null>, display: DicomDisplay, viewport: Viewport): void {
  useEffect(() => {
    const stage = stageRef.current
    if (!stage) return
    let drag: { pointerId: number; x: number; y: number } | null = null
    let bounds: { left: number; top: number } | null = null
    const canvasElement = () => stage.querySelector<HTMLElement>('[data-testid="annotate-canvas"]')
    const measure = () => {
      const rect = canvasElement()?.getBoundingClientRect()
      bounds = rect ? { left: rect.left, top: rect.top } : null
    }
    const onImage = (target: EventTarget | null) => target instanceof Node && (canvasElement()?.contains(target) ?? false)
    const probe = (event: PointerEvent) => {
      if (!bounds) measure()
      if (!bounds || (!drag && !onImage(event.target))) return display.pointAt(null)
      display.pointAt(toImage(viewport.current(), { x: event.clientX - bounds.left, y: event.clientY - bounds.top }))
    }

    const onPointerDown = (event: PointerEvent) => {
      measure()
      const wanted = event.button === 2 || (event.button === 0 && display.current().windowTool && !viewport.spaceHeld)
      if (!wanted || drag || !onImage(event.target) || !display.canWindow) return
      if (!display.beginDrag()) return
      event.preventDefault()
      event.stopPropagation()
      drag = { pointerId: event.pointerId, x: event.clientX, y: event.clientY }
      try {
        stage.setPointerCapture(event.pointerId)
      } catch {
        // Synthetic events (from tests) have no real pointer to capture; the drag still works over the stage.
      }
    }
    const onPointerMove = (event: PointerEvent) => {
      if (drag?.pointerId === event.pointerId) display.dragBy(event.clientX - drag.x, event.clientY - drag.y)
      probe(event)
    }
    const onPointerUp = (event: PointerEvent) => {
      if (drag?.pointerId !== event.pointerId) return
      drag = null
      display.endDrag()
      try {
        stage.releasePointerCapture(event.pointerId)
      } catch {
        // Nothing was captured (see onPointerDown).
      }
    }
    const onPointerLeave = () => {
      if (!drag) display.pointAt(null)
    }
    // A right drag ending off the canvas would otherwise open the page's context menu.
    const onContextMenu = (event: MouseEvent) => event.preventDefault()
    const onResize = () => {
      bounds = null
    }

    stage.addEventListener('pointerdown', onPointerDown, { capture: true })
    stage.addEventListener('pointermove', onPointerMove, { capture: true, passive: true })
    stage.addEventListener('pointerup', onPointerUp, { capture: true })
    stage.addEventListener('pointercancel', onPointerUp, { capture: true })
    stage.addEventListener('pointerenter', measure)
    stage.addEventListener('pointerleave', onPointerLeave)
    stage.addEventListener('contextmenu', onContextMenu)
    window.addEventListener('resize', onResize)
    return () => {
      stage.removeEventListener('pointerdown', onPointerDown, { capture: true })
      stage.removeEventListener('pointermove', onPointerMove, { capture: true })
      stage.removeEventListener('pointerup', onPointerUp, { capture: true })
      stage.removeEventListener('pointercancel', onPointerUp, { capture: true })
      stage.removeEventListener('pointerenter', measure)
      stage.removeEventListener('pointerleave', onPointerLeave)
      stage.removeEventListener('contextmenu', onContextMenu)
      window.removeEventListener('resize', onResize)
      if (drag) display.endDrag()
    }
  }, [stageRef, display, viewport])
}
