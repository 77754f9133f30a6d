import { useEffect, useRef, useSyncExternalStore, type RefObject } from 'react'
import type { Mode } from '../mode'
import type { Viewport } from '../Viewport'
import type { DicomDisplay } from './DicomDisplay'
import { useWindowPointer } from './useWindowPointer'
import { WindowLevelBar } from './WindowLevelBar'
import { WindowLevelReadout } from './WindowLevelReadout'
import './dicom.css'

interface Props {
  display: DicomDisplay
  viewport: Viewport
  /** The stage around the canvas, where window/level drags and the readout listen. */
  stageRef: RefObject<HTMLElement | null>
  mode: Mode
}

/** Window/level for the workspace's image: the tools in a band above it, the W/L and pixel readout in the corner. */
export function DicomStageOverlay({ display, viewport, stageRef, mode }: Props) {
  useWindowPointer(stageRef, display, viewport)

  // Picking a drawing tool (W, Q, B, X or its button) puts the W/L tool down, so the next left drag draws as asked.
  const previousMode = useRef(mode)
  useEffect(() => {
    if (mode !== 'select' && previousMode.current !== mode && display.current().windowTool) display.toggleWindowTool()
    previousMode.current = mode
  }, [mode, display])

  // The canvas sets its own cursor as the pointer moves; a class on the stage overrides it while the tool is on.
  const windowing = useSyncExternalStore(display.subscribe, () => display.current().windowTool && display.canWindow)
  useEffect(() => {
    stageRef.current?.classList.toggle('is-windowing', windowing)
  }, [stageRef, windowing])

  // A DICOM image's window/level bar gets a band of its own above the image, so it never covers the image's top
  // (nor keeps the pixel readout from the pixels there); the canvas, and so the fitted image, start below it.
  const withBar = useSyncExternalStore(display.subscribe, () => display.current().status !== 'idle')
  useEffect(() => {
    stageRef.current?.classList.toggle('has-window-bar', withBar)
  }, [stageRef, withBar])

  return (
    <>
      <WindowLevelBar display={display} />
      <WindowLevelReadout display={display} />
    </>
  )
}
