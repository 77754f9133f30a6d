import { useCallback, useEffect, useRef, useState } from 'react'
import { t } from '../i18n/t'
import { MapController, type MapTool } from './mapController'
import type { MapPointSet } from './useMapData'

interface Props {
  points: MapPointSet
  /** Three bytes a point; null until the colours load. */
  rgb: Uint8Array | null
  selection: readonly number[]
  tool: MapTool
  /** Bumped to show the whole map again. */
  fitRequest: number
  onHover(index: number | null, at: { x: number; y: number }): void
  onSelect(indices: number[]): void
  onOpen(index: number): void
}

/** The WebGL canvas of the map and the outline of a box or lasso being drawn; React only passes data in. */
export function MapCanvas({ points, rgb, selection, tool, fitRequest, onHover, onSelect, onOpen }: Props) {
  const [controller, setController] = useState<MapController | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  // The controller outlives renders; it calls whatever handlers the latest render gave.
  const handlers = useRef({ onHover, onSelect, onOpen })
  useEffect(() => {
    handlers.current = { onHover, onSelect, onOpen }
  })

  // Made once the stage's canvas and outline are in the document (a parent's ref comes after its children's).
  const attach = useCallback((stage: HTMLDivElement | null) => {
    if (!stage) return
    let made: MapController
    try {
      made = new MapController(stage.querySelector('canvas')!, stage.querySelector('polygon')!, {
        onHover: (index, at) => handlers.current.onHover(index, at),
        onSelect: (indices) => handlers.current.onSelect(indices),
        onOpen: (index) => handlers.current.onOpen(index),
      })
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error))
      return
    }
    setController(made)
    return () => {
      made.dispose()
      setController(null)
    }
  }, [])

  useEffect(() => controller?.setPoints(points.xs, points.ys), [controller, points])
  useEffect(() => {
    if (controller && rgb && rgb.length === points.xs.length * 3) controller.setColours(rgb)
  }, [controller, rgb, points])
  useEffect(() => controller?.setSelection(selection), [controller, selection, points])
  useEffect(() => controller?.setTool(tool), [controller, tool])
  useEffect(() => {
    if (fitRequest > 0) controller?.fit()
  }, [controller, fitRequest])

  return (
    <div className="map-stage" ref={attach}>
      <canvas className="map-canvas" data-testid="map-canvas" data-points={points.xs.length} hidden={failure !== null} />
      <svg className="map-outline" aria-hidden="true">
        <polygon points="" />
      </svg>
      {failure !== null && (
        <p className="map-no-webgl" role="alert" data-testid="map-no-webgl">
          {t('map.noWebgl', { reason: failure })}
        </p>
      )}
    </div>
  )
}
