import type Konva from 'konva'
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import { Image as KonvaImage, Layer, Shape, Stage } from 'react-konva'
import type { Box, BoxSuggestion } from '../../../shared/api/schemas'
import type { CanvasTool, ToolInput } from './canvasTool'
import { drawBoxes, drawCrosshair, drawDraft, drawName, drawSelected, NO_LABEL_COLOR, objectName, screenRect, toScreenSpace } from './drawing'
import {
  clipToImage,
  HANDLE_CURSORS,
  handleAt,
  MIN_DRAG_SCREEN_PX,
  moveWithin,
  rectFromPoints,
  resizeTo,
  sameRect,
  snapToPixels,
  type Handle,
  type Point,
  type Rect,
} from './geometry'
import { HeatmapLayer } from './HeatmapLayer'
import type { MaskSurfaces } from './maskSurface'
import { objectAt } from './objectAt'
import { SuggestionLayer, suggestionAt } from './SuggestionLayer'
import { toImage } from './view'
import type { Mode } from './mode'
import type { Viewport } from './Viewport'

/** The Konva name of the layer of every object but the selected one, which tests read pixels from. */
const OBJECTS_LAYER = 'objects' // i18n-exempt: a Konva node name

interface Props {
  imageId: number
  imageWidth: number
  imageHeight: number
  /**
   * What to draw as the image: the decoded full-size image, or its thumbnail while that loads; for DICOM, a canvas
   * the frame is rendered into through its window (redrawn through Viewport.redrawImage when that changes).
   */
  source: HTMLImageElement | ImageBitmap | HTMLCanvasElement | null
  /** True once the full image and the annotations are both here: the canvas then reports itself rendered. */
  ready: boolean
  /** The boxes to draw (those of hidden labels already left out). */
  boxes: readonly Box[]
  selectedId: number | null
  colors: ReadonlyMap<string, string>
  /** Colour of the label the next box will get. */
  drawColor: string
  mode: Mode
  /**
   * The tool that gets each press before the box gestures (see CanvasTool): the polygon tool, the mask brush or
   * eraser, or the point editor of a selected polygon; null when boxes are all there is to edit.
   */
  tool: CanvasTool | null
  /** The selected mask's pixels as the brush paints them (see MaskSurface). */
  masks: MaskSurfaces
  viewport: Viewport
  onDraw(rect: Rect): void
  onSelect(boxId: number | null): void
  onChangeBox(boxId: number, rect: Rect): void
  /** The detector's pending box suggestions shown (see SuggestionLayer); a click on one picks it. */
  suggestions: readonly BoxSuggestion[]
  highlightedSuggestionId: number | null
  onPickSuggestion(suggestionId: number): void
  /** The anomaly heat map drawn over the image (see HeatmapLayer), with the image it belongs to. */
  heatmap: { imageId: number; map: HTMLCanvasElement; opacity: number } | null
}

type Gesture =
  | { kind: 'pan'; last: Point }
  | { kind: 'tool'; tool: CanvasTool }
  | { kind: 'draw'; origin: Point; current: Point; originScreen: Point; selectOnClick: boolean }
  | { kind: 'move'; boxId: number; original: Rect; current: Rect; grab: Point; startScreen: Point; moved: boolean }
  | { kind: 'resize'; boxId: number; handle: Handle; original: Rect; current: Rect }

/** How close (screen px) the pointer must be to a handle to grab it, and to a box edge to pick the box. */
const HANDLE_REACH = 7
const PICK_MARGIN = 3
/** Presses this close in time (ms) and place (screen px, MIN_DRAG_SCREEN_PX) count as one double-click. */
const DOUBLE_CLICK_MS = 500

/**
 * The image and its boxes on a Konva stage of three layers: the image; every box but the selected one, drawn by a
 * single shape; and an overlay with the selected box, its handles, the box being drawn and the crosshair.
 *
 * Nothing here listens through Konva: pointer input is handled on the container and hit-tested in image
 * coordinates, so there is no hit canvas to keep up to date. Zoom and pan move the stage directly (see Viewport).
 * A drag only redraws the overlay layer, so moving one box among 500 costs no more than moving it alone.
 */
export const AnnotationCanvas = memo(function AnnotationCanvas(props: Props) {
  const { imageId, imageWidth, imageHeight, source, ready, boxes, selectedId, colors, drawColor, mode, tool, masks, viewport } = props
  // Another image's map is never drawn on this one, while this one's is on its way.
  const heatmap = props.heatmap?.imageId === imageId ? props.heatmap : null
  const containerRef = useRef<HTMLDivElement>(null)
  const stageRef = useRef<Konva.Stage>(null)
  const imageLayerRef = useRef<Konva.Layer>(null)
  const overlayRef = useRef<Konva.Layer>(null)
  const gesture = useRef<Gesture | null>(null)
  const pointer = useRef<Point | null>(null)
  /** The last left press, counting presses in a row: Chromium gives pointer events no click count (detail is 0). */
  const lastPress = useRef<{ time: number; screen: Point; clicks: number } | null>(null)
  /** A box just moved or resized, drawn where it was dropped until the edit's new state arrives as props. */
  const settling = useRef<{ boxId: number; rect: Rect; boxes: readonly Box[] } | null>(null)
  const latest = useRef(props)
  latest.current = props
  const [size, setSize] = useState({ width: 0, height: 0 })
  /**
   * Where the canvas is on the page. Reading getBoundingClientRect on every wheel step or pointer move would force
   * a layout of the whole page each time something else on it changed (the zoom readout, say), so it is measured
   * when the canvas resizes or a pointer enters or presses, which is all that can move it.
   */
  const bounds = useRef({ left: 0, top: 0 })
  const measure = () => {
    const rect = containerRef.current?.getBoundingClientRect()
    if (rect) bounds.current = { left: rect.left, top: rect.top }
  }

  const colorOf = useCallback((label: string | null) => (label === null ? NO_LABEL_COLOR : (colors.get(label) ?? NO_LABEL_COLOR)), [colors])
  const selected = useMemo(() => (selectedId === null ? undefined : boxes.find((box) => box.id === selectedId)), [boxes, selectedId])
  const others = useMemo(() => (selectedId === null ? boxes : boxes.filter((box) => box.id !== selectedId)), [boxes, selectedId])

  useLayoutEffect(() => {
    const element = containerRef.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return
      measure()
      const next = { width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height) }
      setSize((current) => (current.width === next.width && current.height === next.height ? current : next))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  useLayoutEffect(() => {
    viewport.attach(stageRef.current, imageLayerRef.current, containerRef.current)
    return () => viewport.attach(null, null, null)
  }, [viewport])

  useLayoutEffect(() => {
    viewport.resize(size.width, size.height)
  }, [viewport, size])

  // A new image starts fitted, before it is first drawn. Anything half-done belongs to the previous image.
  useLayoutEffect(() => {
    gesture.current = null
    settling.current = null
    viewport.showImage(imageWidth, imageHeight)
  }, [viewport, imageId, imageWidth, imageHeight])

  // New boxes arriving (the edit's optimistic state, at the latest) means the dropped box is drawn from them now.
  if (settling.current && settling.current.boxes !== boxes) settling.current = null

  // Report "this image is on screen with its boxes" once Konva has drawn it (its draw is queued for this frame).
  useEffect(() => {
    const element = containerRef.current
    if (!element) return
    if (!ready || size.width === 0 || size.height === 0) {
      delete element.dataset.renderedImageId
      return
    }
    const frame = requestAnimationFrame(() => {
      element.dataset.renderedImageId = String(imageId)
      // i18n-exempt: a performance mark's name
      performance.mark('loupe:image-rendered', { detail: { imageId } })
    })
    return () => cancelAnimationFrame(frame)
  }, [ready, imageId, size])

  const redrawOverlay = () => overlayRef.current?.batchDraw()

  const sceneBoxes = useCallback(
    (context: Konva.Context, shape: Konva.Shape) => {
      toScreenSpace(context, shape)
      drawBoxes(context, others, colorOf, viewport.current(), viewport.stageSize)
    },
    [others, colorOf, viewport],
  )

  const sceneOverlay = useCallback(
    (context: Konva.Context, shape: Konva.Shape) => {
      toScreenSpace(context, shape)
      const view = viewport.current()
      const active = gesture.current
      const edited =
        active && (active.kind === 'move' || active.kind === 'resize')
          ? active.current
          : settling.current && settling.current.boxId === selectedId
            ? settling.current.rect
            : selected
      const label = selected?.label ?? null
      const name = selected ? objectName(selected) : null
      // A polygon object is drawn by its tool, with its points to edit rather than a box's handles; a mask is its
      // pixels, with no box to move or resize.
      const polygonSelected = selected?.shape?.kind === 'polygons'
      if (selected?.shape?.kind === 'mask') {
        masks.get(selected.shape.rle).draw(context, view, viewport.stageSize, colorOf(label))
        if (name !== null) drawName(context, screenRect(view, selected), name, colorOf(label))
      } else if (edited && !polygonSelected) drawSelected(context, edited, name, colorOf(label), view)
      else if (edited && name !== null) drawName(context, screenRect(view, edited), name, colorOf(label))
      if (active?.kind === 'draw') drawDraft(context, rectFromPoints(active.origin, active.current), drawColor, view)
      const at = pointer.current
      context.save()
      // While its box is dragged, the polygon goes along with it.
      if (selected && edited && polygonSelected && (active?.kind !== 'move' || active.boxId === selectedId)) context.translate((edited.x - selected.x) * view.scale, (edited.y - selected.y) * view.scale)
      tool?.drawOverlay(context, view)
      context.restore()
      if (at && (mode === 'draw' || active?.kind === 'draw')) drawCrosshair(context, at.x, at.y, viewport.stageSize)
    },
    [selected, selectedId, colorOf, drawColor, mode, tool, masks, viewport],
  )

  const localPoint = (event: { clientX: number; clientY: number }): Point => ({
    x: event.clientX - bounds.current.left,
    y: event.clientY - bounds.current.top,
  })

  const toolInput = (event: ReactPointerEvent<HTMLDivElement>, screen: Point): ToolInput => {
    const view = viewport.current()
    return { point: toImage(view, screen), screen, view, shiftKey: event.shiftKey, altKey: event.altKey, clicks: Math.max(event.detail, lastPress.current?.clicks ?? 1) }
  }

  const setCursor = (cursor: string) => {
    const element = containerRef.current
    if (element && element.style.cursor !== cursor) element.style.cursor = cursor
  }

  /** What the pointer would grab at `screen`: a handle of the selected box, a box, or empty image. */
  const target = (screen: Point) => {
    const { boxes: current, selectedId: selectedNow, mode: modeNow } = latest.current
    const view = viewport.current()
    const point = toImage(view, screen)
    if (modeNow === 'draw') return { kind: 'draw' as const, point }
    const selectedBox = selectedNow === null ? undefined : current.find((box) => box.id === selectedNow)
    // A shape's box follows the shape: it is not resized by handles.
    if (selectedBox && !selectedBox.shape) {
      const handle = handleAt(selectedBox, point, HANDLE_REACH / view.scale)
      if (handle) return { kind: 'handle' as const, point, box: selectedBox, handle }
    }
    const box = objectAt(current, point, PICK_MARGIN / view.scale)
    if (box) return { kind: 'box' as const, point, box }
    return { kind: 'empty' as const, point }
  }

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    measure()
    const screen = localPoint(event)
    const panning = event.button === 1 || (event.button === 0 && viewport.spaceHeld)
    if (!panning && event.button !== 0) return
    event.preventDefault()
    containerRef.current?.focus({ preventScroll: true })
    try {
      event.currentTarget.setPointerCapture(event.pointerId)
    } catch {
      // Synthetic events (from tests) have no real pointer to capture; the drag still works while over the canvas.
    }
    if (panning) {
      viewport.panStarted()
      gesture.current = { kind: 'pan', last: screen }
      setCursor('grabbing')
      return
    }
    const previous = lastPress.current
    const again =
      previous && event.timeStamp - previous.time < DOUBLE_CLICK_MS && Math.hypot(screen.x - previous.screen.x, screen.y - previous.screen.y) < MIN_DRAG_SCREEN_PX
    lastPress.current = { time: event.timeStamp, screen, clicks: again ? previous.clicks + 1 : 1 }
    const tool = latest.current.tool
    if (tool?.press(toolInput(event, screen))) {
      gesture.current = { kind: 'tool', tool }
      pointer.current = screen
      redrawOverlay()
      return
    }
    const hit = target(screen)
    const { imageWidth: width, imageHeight: height } = latest.current
    if (hit.kind === 'handle') {
      gesture.current = { kind: 'resize', boxId: hit.box.id, handle: hit.handle, original: hit.box, current: hit.box }
    } else if (hit.kind === 'box') {
      if (hit.box.id !== latest.current.selectedId) latest.current.onSelect(hit.box.id)
      // The services move no mask: a press on one only selects it.
      if (hit.box.shape?.kind === 'mask') return redrawOverlay()
      const original = { x: hit.box.x, y: hit.box.y, width: hit.box.width, height: hit.box.height }
      gesture.current = { kind: 'move', boxId: hit.box.id, original, current: original, grab: hit.point, startScreen: screen, moved: false }
      setCursor('move')
    } else {
      const inside = hit.point.x >= 0 && hit.point.y >= 0 && hit.point.x <= width && hit.point.y <= height
      if (hit.kind === 'empty' && !inside) {
        // Off the image there is nothing to draw on: a drag there pans, a click deselects.
        latest.current.onSelect(null)
        gesture.current = { kind: 'pan', last: screen }
        setCursor('grabbing')
        return
      }
      const origin = clampPoint(hit.point, width, height)
      gesture.current = { kind: 'draw', origin, current: origin, originScreen: screen, selectOnClick: hit.kind === 'empty' }
    }
    pointer.current = screen
    redrawOverlay()
  }

  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const screen = localPoint(event)
    pointer.current = screen
    const active = gesture.current
    const { imageWidth: width, imageHeight: height, mode: modeNow } = latest.current
    if (active?.kind === 'tool') {
      const cursor = active.tool.move(toolInput(event, screen), true)
      if (cursor) setCursor(cursor)
      redrawOverlay()
      return
    }
    const toolCursor = !active && latest.current.tool ? latest.current.tool.move(toolInput(event, screen), false) : null
    if (toolCursor) {
      setCursor(viewport.spaceHeld ? 'grab' : toolCursor)
      redrawOverlay()
      return
    }
    if (!active) {
      const hit = target(screen)
      setCursor(
        viewport.spaceHeld
          ? 'grab'
          : hit.kind === 'handle'
            ? HANDLE_CURSORS[hit.handle]
            : hit.kind === 'box'
              ? hit.box.shape?.kind === 'mask'
                ? 'pointer'
                : 'move'
              : suggestionAt(latest.current.suggestions, hit.point)
                ? 'pointer'
                : 'crosshair',
      )
      if (modeNow === 'draw') redrawOverlay()
      return
    }
    if (active.kind === 'pan') {
      viewport.panBy(screen.x - active.last.x, screen.y - active.last.y)
      active.last = screen
      return
    }
    const point = toImage(viewport.current(), screen)
    if (active.kind === 'draw') {
      active.current = clampPoint(point, width, height)
    } else if (active.kind === 'move') {
      if (!active.moved && Math.hypot(screen.x - active.startScreen.x, screen.y - active.startScreen.y) < MIN_DRAG_SCREEN_PX) return
      active.moved = true
      const dx = Math.round(point.x - active.grab.x)
      const dy = Math.round(point.y - active.grab.y)
      active.current = moveWithin(active.original, dx, dy, width, height)
    } else {
      active.current = resizeTo(active.original, active.handle, snapPoint(point), width, height)
    }
    redrawOverlay()
  }

  const finish = (event: ReactPointerEvent<HTMLDivElement>, cancelled: boolean) => {
    const active = gesture.current
    gesture.current = null
    try {
      event.currentTarget.releasePointerCapture(event.pointerId)
    } catch {
      // Nothing was captured (see onPointerDown).
    }
    if (active?.kind === 'tool') {
      if (cancelled) active.tool.cancel()
      else active.tool.release(toolInput(event, localPoint(event)))
      return redrawOverlay()
    }
    if (!active || cancelled) return redrawOverlay()
    const { imageWidth: width, imageHeight: height } = latest.current
    if (active.kind === 'draw') {
      const screen = localPoint(event)
      const dragged = Math.max(Math.abs(screen.x - active.originScreen.x), Math.abs(screen.y - active.originScreen.y))
      const rect = clipToImage(snapToPixels(rectFromPoints(active.origin, active.current)), width, height)
      const tooSmall = !rect || Math.min(rect.width, rect.height) * viewport.current().scale < MIN_DRAG_SCREEN_PX
      // A click (no drag) on a suggestion picks it; a drag over one draws a box of one's own.
      const suggestion = dragged < MIN_DRAG_SCREEN_PX ? suggestionAt(latest.current.suggestions, active.origin) : undefined
      if (suggestion) {
        latest.current.onPickSuggestion(suggestion.id)
      } else if (dragged < MIN_DRAG_SCREEN_PX || tooSmall) {
        if (active.selectOnClick) latest.current.onSelect(null)
      } else if (rect) {
        latest.current.onDraw(rect)
      }
    } else if (active.kind === 'move' || active.kind === 'resize') {
      const changed = !sameRect(active.current, active.original) && active.current.width >= 1 && active.current.height >= 1
      if (changed) {
        settling.current = { boxId: active.boxId, rect: active.current, boxes: latest.current.boxes }
        latest.current.onChangeBox(active.boxId, active.current)
      }
    }
    setCursor(viewport.spaceHeld ? 'grab' : 'crosshair')
    redrawOverlay()
  }

  // The wheel zooms around the cursor. It must be a non-passive native listener to keep the page from scrolling.
  useEffect(() => {
    const element = containerRef.current
    if (!element) return
    const onWheel = (event: WheelEvent) => {
      event.preventDefault()
      const lines = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? 400 : 1
      const delta = Math.max(-300, Math.min(300, event.deltaY * lines))
      viewport.zoomBy(Math.exp(-delta * 0.002), localPoint(event))
      if (latest.current.mode === 'draw' || gesture.current) redrawOverlay()
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => element.removeEventListener('wheel', onWheel)
  }, [viewport])

  // Esc while dragging drops the drag, and a tool's work in progress (the workspace handles Esc otherwise).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      const active = gesture.current
      if (active?.kind === 'tool') active.tool.cancel()
      else if (!active && !latest.current.tool?.cancel()) return
      event.preventDefault()
      event.stopImmediatePropagation()
      gesture.current = null
      redrawOverlay()
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [])

  return (
    <div
      ref={containerRef}
      className="annotate-canvas"
      tabIndex={-1}
      data-testid="annotate-canvas"
      data-image-id={imageId}
      data-image-width={imageWidth}
      data-image-height={imageHeight}
      data-mode={mode}
      data-box-count={boxes.length}
      data-suggestion-count={props.suggestions.length}
      data-heatmap-image-id={heatmap?.imageId ?? ''}
      data-heatmap-opacity={heatmap?.opacity ?? ''}
      data-selected-box-id={selectedId ?? ''}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={(event) => finish(event, false)}
      onPointerCancel={(event) => finish(event, true)}
      onPointerEnter={measure}
      onPointerLeave={() => {
        if (gesture.current) return
        pointer.current = null
        latest.current.tool?.leave?.()
        if (latest.current.mode !== 'select') redrawOverlay()
      }}
      onContextMenu={(event) => event.preventDefault()}
      // A middle click would otherwise start the browser's autoscroll.
      onMouseDown={(event) => event.button === 1 && event.preventDefault()}
    >
      <Stage ref={stageRef} width={size.width} height={size.height} listening={false}>
        <Layer ref={imageLayerRef} listening={false}>
          {source && <KonvaImage image={source} width={imageWidth} height={imageHeight} listening={false} perfectDrawEnabled={false} />}
        </Layer>
        {heatmap && <HeatmapLayer map={heatmap.map} imageWidth={imageWidth} imageHeight={imageHeight} opacity={heatmap.opacity} />}
        <Layer listening={false} name={OBJECTS_LAYER}>
          <Shape sceneFunc={sceneBoxes} listening={false} perfectDrawEnabled={false} />
        </Layer>
        <SuggestionLayer suggestions={props.suggestions} highlightedId={props.highlightedSuggestionId} colors={colors} viewport={viewport} />
        <Layer ref={overlayRef} listening={false}>
          <Shape sceneFunc={sceneOverlay} listening={false} perfectDrawEnabled={false} />
        </Layer>
      </Stage>
    </div>
  )
})

function clampPoint(point: Point, width: number, height: number): Point {
  return { x: Math.min(width, Math.max(0, point.x)), y: Math.min(height, Math.max(0, point.y)) }
}

function snapPoint(point: Point): Point {
  return { x: Math.round(point.x), y: Math.round(point.y) }
}
