import type Konva from 'konva'
import { useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState, type PointerEvent, type ReactNode } from 'react'
import { Image as KonvaImage, Layer, Stage } from 'react-konva'
import type { DicomWindow } from '../../../shared/api/schemas'
import { voiFunctionOf } from '../annotate/dicom/DicomDisplay'
import { dragStep, draggedWindow, renderWindowed } from '../annotate/dicom/windowing'
import type { ReaderPane } from './useReaderPane'
import { ReaderOverlays, type PixelProbe } from './ReaderOverlays'
import { SliceSlider } from './SliceSlider'
import { fitTransform, panBy, toImagePoint, wheelZoomFactor, zoomAbout } from './viewTransform'
import type { MeasureTool, ViewportSurface } from './viewportSurface'
import { WheelSteps, wheelPixels } from './wheelSteps'

export interface ReaderViewportProps {
  pane: ReaderPane
  /** The viewport the keys go to (the one clicked last); outlined when there are two. */
  active: boolean
  outlined: boolean
  onActivate(): void
  /**
   * The measurement tool chosen, or null. While one is, a left drag on the slice belongs to the layers drawn by
   * `renderLayers` (the viewport neither windows nor pans on it); Shift, middle and right drags still pan and zoom.
   */
  tool: MeasureTool | null
  /**
   * Konva layers drawn over the slice (the measurements), inside the Stage after the image layer; given the slice
   * shown, its values and where it is drawn. Not called until a slice is drawn.
   */
  renderLayers?: (surface: ViewportSurface) => ReactNode
}

type Drag =
  | { kind: 'window'; pointerId: number; x: number; y: number; start: DicomWindow; step: number }
  | { kind: 'pan'; pointerId: number; x: number; y: number }
  | { kind: 'zoom'; pointerId: number; y: number; at: { x: number; y: number } }

/**
 * One reader viewport: the slice through its window on a Konva stage, the corner overlays, a slice slider along the
 * right edge. The wheel moves through the slices, Ctrl+wheel zooms about the cursor; a left drag is window/level,
 * Shift+drag or a middle drag pans, a right drag zooms.
 *
 * Its element (`reader-viewport`) says what it shows, for tests and the bench: data-slice-index (the slice asked for,
 * 0-based), data-slices, data-drawn-image-id (set once that slice's pixels are on the canvas), data-window-center,
 * data-window-width and data-zoom (screen pixels per image pixel).
 */
export function ReaderViewport({ pane, active, outlined, onActivate, tool, renderLayers }: ReaderViewportProps) {
  const elementRef = useRef<HTMLDivElement>(null)
  const containerRef = useRef<HTMLDivElement>(null)
  const layerRef = useRef<Konva.Layer>(null)
  const imageRef = useRef<Konva.Image>(null)
  /** The canvas slices are windowed into, and its pixels (kept while the slice size stays). */
  const windowedRef = useRef<WindowedPixels | null>(null)
  const [size, setSize] = useState({ width: 0, height: 0 })
  const [probe, setProbe] = useState<PixelProbe | null>(null)
  const drag = useRef<Drag | null>(null)
  const wheel = useMemo(() => new WheelSteps(), [])

  const { model, shown, window, inverted } = pane
  const imageSize = shown ? { width: shown.info.width, height: shown.info.height } : null
  const transform = pane.view ?? (imageSize ? fitTransform(size, imageSize) : { scale: 1, offsetX: 0, offsetY: 0 })

  useLayoutEffect(() => {
    const element = containerRef.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height) })
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // The slice's pixels through the window, then the image layer drawn at once; only then does the element say which
  // slice is drawn (data-drawn-image-id), so tests and the bench never read it ahead of the screen.
  useLayoutEffect(() => {
    const layer = layerRef.current
    const node = imageRef.current
    if (!shown || !layer || !node) return
    let source: HTMLCanvasElement | HTMLImageElement | null = shown.picture
    if (shown.values) {
      if (!window) return
      const pixels = windowedPixels(windowedRef.current, shown.info.width, shown.info.height)
      if (!pixels) return
      windowedRef.current = pixels
      // MONOCHROME1 stores low values as white; the person's invert flips whatever the file says.
      renderWindowed(shown.values, pixels.words, window, voiFunctionOf(shown.info), shown.info.invert !== inverted, shown.integers)
      pixels.context.putImageData(pixels.image, 0, 0)
      source = pixels.canvas
    }
    node.image(source ?? undefined)
    node.size({ width: shown.info.width, height: shown.info.height })
    layer.draw()
    elementRef.current?.setAttribute('data-drawn-image-id', String(shown.imageId))
  }, [shown, window, inverted, size])

  const stagePoint = (event: { clientX: number; clientY: number }) => {
    const bounds = containerRef.current!.getBoundingClientRect()
    return { x: event.clientX - bounds.left, y: event.clientY - bounds.top }
  }

  const onWheel = useEffectEvent((event: WheelEvent) => {
    event.preventDefault()
    // The viewport scrolled leads: with linked scrolling the other follows it.
    onActivate()
    const pixels = wheelPixels(event.deltaY, event.deltaMode, size.height)
    if (event.ctrlKey || event.metaKey) {
      if (imageSize) model.setView(zoomAbout(transform, stagePoint(event), wheelZoomFactor(pixels)))
      return
    }
    const steps = wheel.feed(pixels)
    if (steps !== 0) model.step(steps)
  })
  useEffect(() => {
    const element = containerRef.current
    if (!element) return
    // Not React's onWheel: that one is passive, and the page must not scroll or zoom under the reader.
    const listener = (event: WheelEvent) => onWheel(event)
    element.addEventListener('wheel', listener, { passive: false })
    return () => element.removeEventListener('wheel', listener)
  }, [])

  const updateProbe = (point: { x: number; y: number }) => {
    if (!shown) return setProbe(null)
    const image = toImagePoint(transform, point)
    const x = Math.floor(image.x)
    const y = Math.floor(image.y)
    const { width, height } = shown.info
    if (x < 0 || y < 0 || x >= width || y >= height) return setProbe(null)
    if (probe?.x === x && probe.y === y && probe.imageId === shown.imageId) return
    setProbe({ imageId: shown.imageId, x, y, value: shown.values ? shown.values[y * width + x]! : null })
  }

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    onActivate()
    if (drag.current || !imageSize) return
    const point = stagePoint(event)
    const { pointerId } = event
    if (event.button === 1 || (event.button === 0 && event.shiftKey)) drag.current = { kind: 'pan', pointerId, ...point }
    else if (event.button === 2) drag.current = { kind: 'zoom', pointerId, y: point.y, at: point }
    else if (event.button === 0 && tool === null && window && shown?.values) {
      drag.current = { kind: 'window', pointerId, ...point, start: window, step: dragStep(shown.info.valueRange, window) }
    } else return
    event.preventDefault()
    event.currentTarget.setPointerCapture(pointerId)
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const point = stagePoint(event)
    const current = drag.current
    if (current?.pointerId === event.pointerId) {
      if (current.kind === 'window') model.setWindow(draggedWindow(current.start, point.x - current.x, point.y - current.y, current.step))
      else if (current.kind === 'pan') {
        model.setView(panBy(transform, point.x - current.x, point.y - current.y))
        drag.current = { ...current, ...point }
      } else {
        // Up zooms in, down out, about where the drag began.
        model.setView(zoomAbout(transform, current.at, Math.exp((current.y - point.y) * 0.01)))
        drag.current = { ...current, y: point.y }
      }
    }
    updateProbe(point)
  }
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId !== event.pointerId) return
    drag.current = null
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId)
  }

  const stack = pane.stack
  const className = ['reader-viewport', outlined && active ? 'is-active' : '', tool ? 'has-tool' : ''].filter(Boolean).join(' ')
  return (
    <div
      ref={elementRef}
      className={className}
      data-testid="reader-viewport"
      data-active={String(active)}
      data-slice-index={pane.index}
      data-slices={stack?.slices.length ?? 0}
      data-window-center={window?.center ?? ''}
      data-window-width={window?.width ?? ''}
      data-inverted={String(inverted)}
      data-zoom={transform.scale}
      data-offset-x={transform.offsetX}
      data-offset-y={transform.offsetY}
      data-loading={String(pane.loading)}
      data-playing={String(pane.playing)}
    >
      <div
        ref={containerRef}
        className="reader-stage"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={() => setProbe(null)}
        onContextMenu={(event) => event.preventDefault()}
      >
        <Stage width={size.width} height={size.height}>
          <Layer ref={layerRef} listening={false} x={transform.offsetX} y={transform.offsetY} scaleX={transform.scale} scaleY={transform.scale}>
            <KonvaImage ref={imageRef} image={undefined} listening={false} perfectDrawEnabled={false} />
          </Layer>
          {shown &&
            renderLayers?.({
              imageId: shown.imageId,
              image: { width: shown.info.width, height: shown.info.height, values: shown.values, pixelSpacing: shown.info.pixelSpacing, units: shown.info.units },
              transform,
            })}
        </Stage>
        <ReaderOverlays pane={pane} zoom={transform.scale} probe={probe?.imageId === shown?.imageId ? probe : null} />
      </div>
      {stack && stack.slices.length > 1 && <SliceSlider index={pane.index} count={stack.slices.length} onChange={model.goTo} />}
    </div>
  )
}

type WindowedPixels = { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D; image: ImageData; words: Uint32Array }

/** The canvas to window a slice of this size into: the one there is while the size stays, a new one otherwise. */
function windowedPixels(kept: WindowedPixels | null, width: number, height: number): WindowedPixels | null {
  if (kept && kept.image.width === width && kept.image.height === height) return kept
  const canvas = kept?.canvas ?? document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) return null
  const image = context.createImageData(width, height)
  return { canvas, context, image, words: new Uint32Array(image.data.buffer) }
}
