import { useEffect, useEffectEvent, useRef } from 'react'
import { isTypingTarget } from '../ui/isTypingTarget'
import type { Mode } from './mode'
import type { Viewport } from './Viewport'

export interface WorkspaceActions {
  step(delta: 1 | -1): void
  markReviewedAndNext(): void
  /** Switches to a drawing tool, or back to select when it is already on. */
  toggleTool(tool: Exclude<Mode, 'select'>): void
  /** `]` (1) or `[` (-1): a bigger or smaller mask brush. */
  stepBrushSize(direction: 1 | -1): void
  /** Marks the selected object as a crowd region, or as one object again. */
  toggleCrowd(): void
  chooseLabelByHotkey(digit: string): void
  toggleTagByHotkey(digit: string): void
  openClassPicker(): void
  deleteSelected(): void
  undo(): void
  redo(): void
  copyPrevious(): void
  toggleBoxes(): void
  toggleHelp(): void
  acceptPrediction(): void
  /** The highlighted box suggestion; with `all`, every one above the threshold. */
  acceptSuggestion(all: boolean): void
  rejectSuggestion(): void
  toggleHeatmap(): void
  /** The DICOM window/level keys (keymap.ts); false when the key is not one of them or the image has no window. */
  windowLevelKey(key: string): boolean
  /** Esc: undoes the innermost state (help, selection, drawing tool); returns false when there was none left. */
  escape(): boolean
  close(): void
}

/** A Space press longer than this was someone holding it to pan, not asking to mark the image reviewed. */
const SPACE_TAP_MS = 400

/**
 * The workspace's keyboard (listed in keymap.ts for the help overlay). Keys typed into a field, or pressed while a
 * dialog has the keyboard (`active` false), are not shortcuts; with the help open, only Esc and ? are.
 */
export function useWorkspaceKeys(options: { active: boolean; helpOpen: boolean; viewport: Viewport; actions: WorkspaceActions }): void {
  const spaceDownAt = useRef(0)
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    const { active, helpOpen, viewport, actions } = options
    if (!active || event.defaultPrevented || isTypingTarget(event.target)) return
    const key = event.key
    const command = event.ctrlKey || event.metaKey
    // Space and Enter on a focused button are that button's own.
    const onButton = event.target instanceof Element && event.target.closest('button, a, summary, [role="button"]') !== null
    if ((key === ' ' || key === 'Enter') && onButton) return

    const handled = (() => {
      if (helpOpen) {
        if (key === 'Escape' || key === '?') actions.toggleHelp()
        return key === 'Escape' || key === '?'
      }
      if (command) {
        const lower = key.toLowerCase()
        if (lower === 'z' && !event.shiftKey) actions.undo()
        else if ((lower === 'z' && event.shiftKey) || (lower === 'y' && !event.shiftKey)) actions.redo()
        else if (lower === 'v' && event.shiftKey) actions.copyPrevious()
        else return false
        return true
      }
      if (event.altKey) return false
      // By physical key, since Shift turns the digit keys into symbols on most layouts.
      const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1]
      if (digit) {
        if (event.shiftKey) actions.toggleTagByHotkey(digit)
        else actions.chooseLabelByHotkey(digit)
        return true
      }
      if (actions.windowLevelKey(key)) return true
      switch (key) {
        case 'd':
        case 'D':
        case 'ArrowRight':
          actions.step(1)
          return true
        case 'a':
        case 'A':
        case 'ArrowLeft':
          actions.step(-1)
          return true
        case 'w':
        case 'W':
          actions.toggleTool('draw')
          return true
        case 'q':
        case 'Q':
          actions.toggleTool('polygon')
          return true
        case 'b':
        case 'B':
          actions.toggleTool('brush')
          return true
        case 'x':
        case 'X':
          actions.toggleTool('eraser')
          return true
        case 'k':
        case 'K':
          actions.toggleCrowd()
          return true
        case ']':
          actions.stepBrushSize(1)
          return true
        case '[':
          actions.stepBrushSize(-1)
          return true
        case 'Delete':
        case 'Backspace':
          actions.deleteSelected()
          return true
        case 'c':
        case 'C':
          actions.copyPrevious()
          return true
        case 'e':
        case 'E':
          actions.openClassPicker()
          return true
        case 'h':
        case 'H':
          actions.toggleBoxes()
          return true
        case 'p':
        case 'P':
          actions.acceptPrediction()
          return true
        case 'y':
        case 'Y':
          actions.acceptSuggestion(event.shiftKey)
          return true
        case 'n':
        case 'N':
          actions.rejectSuggestion()
          return true
        case 'm':
        case 'M':
          actions.toggleHeatmap()
          return true
        case 'f':
        case 'F':
        case '0':
          viewport.fit()
          return true
        case 'z':
        case 'Z':
          viewport.actualPixels()
          return true
        case '+':
        case '=':
          viewport.zoomIn()
          return true
        case '-':
        case '_':
          viewport.zoomOut()
          return true
        case '?':
          actions.toggleHelp()
          return true
        case ' ':
          if (!event.repeat) {
            viewport.pressSpace()
            spaceDownAt.current = event.timeStamp
          }
          return true
        case 'Escape':
          if (!actions.escape()) actions.close()
          return true
        default:
          return false
      }
    })()
    if (handled) event.preventDefault()
  })

  const onKeyUp = useEffectEvent((event: KeyboardEvent) => {
    if (event.key !== ' ') return
    const { viewport, actions, active, helpOpen } = options
    const space = viewport.releaseSpace()
    if (!space.wasHeld || !active || helpOpen || isTypingTarget(event.target)) return
    event.preventDefault()
    if (!space.usedToPan && event.timeStamp - spaceDownAt.current < SPACE_TAP_MS) actions.markReviewedAndNext()
  })

  useEffect(() => {
    const down = (event: KeyboardEvent) => onKeyDown(event)
    const up = (event: KeyboardEvent) => onKeyUp(event)
    // Releasing Space in another window must not leave the canvas thinking it is still held.
    const blur = () => {
      options.viewport.releaseSpace()
    }
    window.addEventListener('keydown', down)
    window.addEventListener('keyup', up)
    window.addEventListener('blur', blur)
    return () => {
      window.removeEventListener('keydown', down)
      window.removeEventListener('keyup', up)
      window.removeEventListener('blur', blur)
    }
    // The viewport is created once per workspace; the handlers always see the latest options.
  }, [options.viewport])
}
