import { useSyncExternalStore } from 'react'
import type { Viewport } from './Viewport'
import { t } from '../i18n/t'

/** Zoom out / readout / zoom in, fit and 1:1. Only this re-renders as the zoom changes, not the workspace. */
export function ZoomControls({ viewport }: { viewport: Viewport }) {
  const scale = useSyncExternalStore(viewport.subscribe, () => viewport.current().scale)
  return (
    <div className="segmented zoom-controls">
      <button type="button" className="tool" aria-label={t('annotate.zoom.out')} title={t('annotate.zoom.outTitle')} onClick={() => viewport.zoomOut()}>
        −
      </button>
      <button type="button" className="tool zoom-readout" title={t('annotate.zoom.fitTitle')} data-testid="zoom-readout" data-scale={scale} onClick={() => viewport.fit()}>
        {formatZoom(scale)}
      </button>
      <button type="button" className="tool" aria-label={t('annotate.zoom.in')} title={t('annotate.zoom.inTitle')} onClick={() => viewport.zoomIn()}>
        +
      </button>
      <button type="button" className="tool" title={t('annotate.zoom.actualTitle')} data-testid="zoom-actual" onClick={() => viewport.actualPixels()}>
        1:1
      </button>
    </div>
  )
}

function formatZoom(scale: number): string {
  const percent = scale * 100
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`
}
