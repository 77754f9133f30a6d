import { useSyncExternalStore } from 'react'
import type { Viewport } from './Viewport'

/** Zoom out / readout / zoom in, fit and 1:1. Only this re-renders as the zoom changes, not the workspace. */
export function ZoomControls({ viewport }: { viewport: Viewport }) {
  const scale = useSyncExternalStore(viewport.subscribe, () => viewport.current().scale)
  return (
    <div className="segmented zoom-controls">
      <button type="button" className="tool" aria-label="Zoom out" title="Zoom out (−)" onClick={() => viewport.zoomOut()}>
        −
      </button>
      <button type="button" className="tool zoom-readout" title="Fit the image (F or 0)" data-testid="zoom-readout" data-scale={scale} onClick={() => viewport.fit()}>
        {formatZoom(scale)}
      </button>
      <button type="button" className="tool" aria-label="Zoom in" title="Zoom in (+)" onClick={() => viewport.zoomIn()}>
        +
      </button>
      <button type="button" className="tool" title="Actual pixels (Z)" data-testid="zoom-actual" onClick={() => viewport.actualPixels()}>
        1:1
      </button>
    </div>
  )
}

function formatZoom(scale: number): string {
  const percent = scale * 100
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`
}
