import { DrawBudget } from './drawBudget'
import { pointsInBox, pointsInPolygon } from './polygon'
import { PointRenderer } from './pointRenderer'
import { SpatialGrid } from './spatialGrid'
import { fitTransform, panBy, toMap, zoomAbout, type ViewTransform } from './viewTransform'

/** What a plain drag does: pan the map, or draw a box or a lasso around points (Shift-drag boxes and Alt-drag lassos whatever the tool). */
export type MapTool = 'pan' | 'box' | 'lasso'

export interface MapControllerEvents {
  /** The point under the cursor changed (not called as it moves over the same one); `at`: the cursor, in CSS pixels from the canvas's corner. */
  onHover(index: number | null, at: { x: number; y: number }): void
  /** A box, lasso or click chose these points (indices into the points given), replacing the selection. */
  onSelect(indices: number[]): void
  /** A point was double-clicked. */
  onOpen(index: number): void
}

/** How close to a point (CSS pixels) the cursor must be for it to count as under it. */
const HOVER_RADIUS = 8
/** A press that moves less than this (CSS pixels) is a click, not a drag. */
const CLICK_SLOP = 4
/** How fast the wheel zooms: a notch of 100 wheel units zooms by e^0.2. */
const WHEEL_ZOOM_RATE = 0.002
/**
 * The view counts as still this long after the last pan move or wheel step, and then draws every point again. Longer
 * than a frame: mice, touchpads and automation deliver moves less often than frames at times, and a full draw in the
 * middle of a drag would be the very hitch thinning avoids.
 */
const SETTLE_MS = 100

type Gesture =
  | { kind: 'pan'; lastX: number; lastY: number; startX: number; startY: number; moved: boolean }
  | { kind: 'box' | 'lasso'; path: Array<[number, number]> }

/**
 * The map's canvas outside React: pan, zoom, hover, box and lasso, drawn by a PointRenderer in requestAnimationFrame
 * only when something changed. React hands it data and hears back only what a person did (hover, select, open).
 */
export class MapController {
  private readonly renderer: PointRenderer
  private view: ViewTransform = { scale: 1, offsetX: 0, offsetY: 0 }
  private fittedScale = 1
  private xs: Float32Array = new Float32Array(0)
  private ys: Float32Array = new Float32Array(0)
  private grid = new SpatialGrid(this.xs, this.ys)
  private hovered: number | null = null
  private hasSelection = false
  private tool: MapTool = 'pan'
  private gesture: Gesture | null = null
  private frame: number | null = null
  /** Something changed since the last draw. */
  private dirty = false
  /** When the view last moved (performance.now()); frames within SETTLE_MS of it may be thinned. */
  private movedAt = -Infinity
  /** The last frame that drew, and how many points it drew: the next frame's start tells how long it took. */
  private lastDraw: { at: number; drawn: number } | null = null
  /** The last frame drew only a sample: a full draw is owed once the view is still. */
  private thinned = false
  private readonly budget = new DrawBudget(0)
  private sized = false
  private readonly resizeObserver: ResizeObserver
  private readonly detach: () => void

  /** Throws when WebGL is not available (see PointRenderer). */
  constructor(
    private readonly canvas: HTMLCanvasElement,
    /** The outline of a box or lasso being drawn, over the canvas. */
    private readonly outline: SVGPolygonElement,
    private readonly events: MapControllerEvents,
  ) {
    this.renderer = new PointRenderer(canvas)
    this.resizeObserver = new ResizeObserver(() => this.resize())
    this.resizeObserver.observe(canvas)
    this.detach = this.listen()
    this.resize()
  }

  /** The points in map coordinates; the view fits them again. */
  setPoints(xs: Float32Array, ys: Float32Array): void {
    this.xs = xs
    this.ys = ys
    this.grid = new SpatialGrid(xs, ys)
    const xy = new Float32Array(xs.length * 2)
    for (let i = 0; i < xs.length; i++) {
      xy[i * 2] = xs[i]!
      xy[i * 2 + 1] = ys[i]!
    }
    this.renderer.setPositions(xy)
    this.budget.reset(xs.length)
    // The point under the cursor was one of the old points.
    if (this.hovered !== null) this.events.onHover(null, { x: 0, y: 0 })
    this.hovered = null
    this.hasSelection = false
    this.fit()
  }

  setColours(rgb: Uint8Array): void {
    this.renderer.setColours(rgb)
    this.requestDraw()
  }

  setSelection(indices: readonly number[]): void {
    this.renderer.setSelected(indices)
    this.hasSelection = indices.length > 0
    this.requestDraw()
  }

  setTool(tool: MapTool): void {
    this.tool = tool
    this.canvas.dataset.tool = tool
  }

  /** Shows the whole map again. */
  fit(): void {
    const { clientWidth, clientHeight } = this.canvas
    this.view = fitTransform(clientWidth, clientHeight)
    this.fittedScale = this.view.scale
    this.requestDraw()
  }

  dispose(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame)
    this.resizeObserver.disconnect()
    this.detach()
    this.renderer.dispose()
  }

  private resize(): void {
    const pixelRatio = window.devicePixelRatio || 1
    const { clientWidth, clientHeight } = this.canvas
    if (clientWidth === 0 || clientHeight === 0) return
    this.canvas.width = Math.round(clientWidth * pixelRatio)
    this.canvas.height = Math.round(clientHeight * pixelRatio)
    // The first real size fits the map; later ones keep what the person panned to.
    if (!this.sized) {
      this.sized = true
      this.fit()
    } else this.requestDraw()
  }

  /** Asks for a frame that draws; `moved` when a pan or zoom asked, which lets it draw only a sample while the view moves. */
  private requestDraw(moved = false): void {
    this.dirty = true
    if (moved) this.movedAt = performance.now()
    this.requestFrame()
  }

  private requestFrame(): void {
    this.frame ??= requestAnimationFrame((frameStart) => this.onFrame(frameStart))
  }

  /**
   * Draws what changed: while the view moves, as many points as the frame budget allows; once it is still, every
   * point. A frame after a draw runs even when nothing changed, to time the draw; one is also asked for as long as a
   * full draw is owed.
   */
  private onFrame(frameStart: number): void {
    this.frame = null
    if (this.lastDraw) this.budget.observe(frameStart - this.lastDraw.at, this.lastDraw.drawn)
    this.lastDraw = null
    const moving = performance.now() - this.movedAt < SETTLE_MS
    if (!this.dirty && !(this.thinned && !moving)) {
      if (this.thinned) this.requestFrame()
      return
    }
    this.dirty = false
    const total = this.xs.length
    // The bench turns thinning off on the canvas to compare with drawing every point each frame.
    const wanted = moving && this.canvas.dataset.levelOfDetail !== 'off' ? this.budget.count : total
    const drawn = this.renderer.draw(this.view, this.view.scale / this.fittedScale, this.hasSelection, this.hovered, wanted)
    this.thinned = drawn < total
    this.lastDraw = { at: frameStart, drawn }
    // Tests and the bench read where the map is drawn, and how many points were, from here (see test/e2e/map.spec.ts).
    this.canvas.dataset.viewTransform = JSON.stringify(this.view)
    this.canvas.dataset.drawn = String(drawn)
    this.requestFrame()
  }

  private listen(): () => void {
    const canvas = this.canvas
    const handlers: Array<[string, (event: never) => void, AddEventListenerOptions?]> = [
      ['pointerdown', (event: PointerEvent) => this.onPointerDown(event)],
      ['pointermove', (event: PointerEvent) => this.onPointerMove(event)],
      ['pointerup', (event: PointerEvent) => this.onPointerUp(event)],
      ['pointercancel', () => this.endGesture()],
      ['pointerleave', (event: PointerEvent) => this.gesture === null && this.setHovered(null, event)],
      ['wheel', (event: WheelEvent) => this.onWheel(event), { passive: false }],
      ['dblclick', (event: MouseEvent) => this.onDoubleClick(event)],
    ]
    for (const [name, handler, options] of handlers) canvas.addEventListener(name, handler as EventListener, options)
    return () => {
      for (const [name, handler] of handlers) canvas.removeEventListener(name, handler as EventListener)
    }
  }

  private local(event: MouseEvent): [number, number] {
    const rect = this.canvas.getBoundingClientRect()
    return [event.clientX - rect.left, event.clientY - rect.top]
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return
    const [x, y] = this.local(event)
    const kind = event.shiftKey ? 'box' : event.altKey ? 'lasso' : this.tool
    this.gesture = kind === 'pan' ? { kind, lastX: x, lastY: y, startX: x, startY: y, moved: false } : { kind, path: [[x, y]] }
    this.canvas.setPointerCapture(event.pointerId)
    event.preventDefault()
  }

  private onPointerMove(event: PointerEvent): void {
    const [x, y] = this.local(event)
    const gesture = this.gesture
    if (!gesture) {
      this.setHovered(this.pointAt(x, y), event)
      return
    }
    if (gesture.kind === 'pan') {
      gesture.moved ||= Math.hypot(x - gesture.startX, y - gesture.startY) > CLICK_SLOP
      this.view = panBy(this.view, x - gesture.lastX, y - gesture.lastY)
      gesture.lastX = x
      gesture.lastY = y
      this.requestDraw(true)
      return
    }
    if (gesture.kind === 'box') gesture.path = [gesture.path[0]!, [x, y]]
    else gesture.path.push([x, y])
    this.showOutline(gesture)
  }

  private onPointerUp(event: PointerEvent): void {
    const gesture = this.gesture
    this.endGesture()
    if (!gesture) return
    if (gesture.kind === 'pan') {
      // Letting go ends the pan: every point is drawn at once rather than after the view has been still a while.
      if (this.thinned) {
        this.movedAt = -Infinity
        this.requestDraw()
      }
      // A click on a point selects it alone; a click on empty space leaves the selection be.
      if (!gesture.moved) {
        const [x, y] = this.local(event)
        const index = this.pointAt(x, y)
        if (index !== null) this.events.onSelect([index])
      }
      return
    }
    const path = gesture.path.map(([x, y]) => toMap(this.view, x, y))
    if (gesture.kind === 'box') {
      if (path.length === 2) this.events.onSelect(pointsInBox(this.xs, this.ys, path[0]!, path[1]!))
    } else this.events.onSelect(pointsInPolygon(this.xs, this.ys, path))
  }

  private endGesture(): void {
    this.gesture = null
    this.outline.setAttribute('points', '')
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault()
    const [x, y] = this.local(event)
    // Lines (Firefox) and pages are bigger steps than pixels.
    const delta = event.deltaY * (event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1)
    this.view = zoomAbout(this.view, Math.exp(-delta * WHEEL_ZOOM_RATE), x, y, this.fittedScale)
    this.requestDraw(true)
  }

  private onDoubleClick(event: MouseEvent): void {
    const [x, y] = this.local(event)
    const index = this.pointAt(x, y)
    if (index !== null) this.events.onOpen(index)
  }

  private pointAt(x: number, y: number): number | null {
    const [mapX, mapY] = toMap(this.view, x, y)
    return this.grid.nearest(mapX, mapY, HOVER_RADIUS / this.view.scale)
  }

  private setHovered(index: number | null, event: MouseEvent): void {
    if (index === this.hovered) return
    const [x, y] = this.local(event)
    this.hovered = index
    this.events.onHover(index, { x, y })
    this.requestDraw()
  }

  private showOutline(gesture: Extract<Gesture, { kind: 'box' | 'lasso' }>): void {
    const corners =
      gesture.kind === 'box' && gesture.path.length === 2
        ? (([[x0, y0], [x1, y1]]) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]])(gesture.path as [[number, number], [number, number]])
        : gesture.path
    this.outline.setAttribute('points', corners.map(([x, y]) => `${x},${y}`).join(' '))
  }
}
