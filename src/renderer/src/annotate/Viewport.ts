import type Konva from 'konva'
import type { Rect } from './geometry'
import { actualPixelsView, fitScale, fitView, isOnScreen, keepInReach, MAX_SCALE, revealView, zoomAt, type View } from './view'

const KEY_ZOOM_STEP = 1.25
/** Above this zoom the image is drawn with hard pixel edges, so individual pixels can be placed against. */
const PIXELATED_FROM_SCALE = 2

/**
 * The canvas' zoom and pan, kept outside React: a wheel turn or a pan step moves the Konva stage directly and
 * redraws, without re-rendering any component. Components that show the zoom subscribe to it.
 *
 * The current transform is also written onto the canvas element as data attributes (data-scale, data-offset-x/y,
 * data-zoom), so tests and benchmarks can turn image coordinates into screen positions.
 */
export class Viewport {
  private view: View = { scale: 1, x: 0, y: 0 }
  private stage: Konva.Stage | null = null
  private imageLayer: Konva.Layer | null = null
  private element: HTMLElement | null = null
  private size = { width: 0, height: 0 }
  private image = { width: 0, height: 0 }
  private readonly listeners = new Set<() => void>()
  private notifyFrame = 0
  private space = { held: false, usedToPan: false }
  /** Called once the image layer has drawn again (see redrawImage). */
  private waitingForImageDraw: (() => void)[] = []

  attach(stage: Konva.Stage | null, imageLayer: Konva.Layer | null, element: HTMLElement | null): void {
    this.imageLayer?.off('draw.viewport')
    this.stage = stage
    this.imageLayer = imageLayer
    this.element = element
    imageLayer?.on('draw.viewport', () => this.imageDrawn())
    this.apply()
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  current = (): View => this.view

  /** While Space is held, a drag pans instead of drawing or moving. */
  get spaceHeld(): boolean {
    return this.space.held
  }

  pressSpace(): void {
    this.space = { held: true, usedToPan: false }
  }

  /** A pan started: if Space is held, releasing it must not also mark the image reviewed. */
  panStarted(): void {
    if (this.space.held) this.space.usedToPan = true
  }

  /** Lets go of Space; says whether it was held, and whether it was used to pan meanwhile. */
  releaseSpace(): { wasHeld: boolean; usedToPan: boolean } {
    const { held, usedToPan } = this.space
    this.space = { held: false, usedToPan: false }
    return { wasHeld: held, usedToPan }
  }

  get stageSize(): { width: number; height: number } {
    return this.size
  }

  /** A new image (its size in image pixels) starts fitted. */
  showImage(width: number, height: number): void {
    this.image = { width, height }
    this.fit()
  }

  resize(width: number, height: number): void {
    const wasFitted = this.isFitted()
    this.size = { width, height }
    if (wasFitted) this.fit()
    else this.set(this.view)
  }

  fit(): void {
    this.set(fitView(this.image.width, this.image.height, this.size.width, this.size.height))
  }

  actualPixels(): void {
    this.set(actualPixelsView(this.view, this.size.width, this.size.height))
  }

  zoomBy(factor: number, anchor = { x: this.size.width / 2, y: this.size.height / 2 }): void {
    this.set(zoomAt(this.view, factor, anchor, this.limits()))
  }

  zoomIn(): void {
    this.zoomBy(KEY_ZOOM_STEP)
  }

  zoomOut(): void {
    this.zoomBy(1 / KEY_ZOOM_STEP)
  }

  panBy(dx: number, dy: number): void {
    this.set({ ...this.view, x: this.view.x + dx, y: this.view.y + dy })
  }

  /** Brings a box into view if none of it is on screen. */
  reveal(rect: Rect): void {
    if (isOnScreen(this.view, rect, this.size.width, this.size.height)) return
    this.set(revealView(this.view, rect, this.size.width, this.size.height))
  }

  /**
   * Draws the image again, for a source whose pixels changed in place (a DICOM frame given another window), and
   * calls `drawn` once it has: the layer draws on the next animation frame, or once a canvas is attached.
   */
  redrawImage(drawn: () => void): void {
    this.waitingForImageDraw.push(drawn)
    this.imageLayer?.batchDraw()
  }

  set(view: View): void {
    const measured = this.size.width > 0 && this.size.height > 0
    this.view = measured ? keepInReach(view, this.image.width, this.image.height, this.size.width, this.size.height) : view
    this.apply()
  }

  private imageDrawn(): void {
    const waiting = this.waitingForImageDraw
    this.waitingForImageDraw = []
    for (const drawn of waiting) drawn()
  }

  private limits(): { min: number; max: number } {
    const fit = fitScale(this.image.width, this.image.height, this.size.width, this.size.height)
    return { min: Math.min(fit, 1) / 4, max: MAX_SCALE }
  }

  private isFitted(): boolean {
    const fitted = fitView(this.image.width, this.image.height, this.size.width, this.size.height)
    return Math.abs(fitted.scale - this.view.scale) < 1e-6
  }

  private apply(): void {
    const { scale, x, y } = this.view
    if (this.stage) {
      this.stage.scale({ x: scale, y: scale })
      this.stage.position({ x, y })
      this.imageLayer?.imageSmoothingEnabled(scale < PIXELATED_FROM_SCALE)
      this.stage.batchDraw()
    }
    if (this.element) {
      const data = this.element.dataset
      data.scale = String(scale)
      data.offsetX = String(x)
      data.offsetY = String(y)
      data.zoom = String(Math.round(scale * 1000) / 10)
    }
    // Zoom readouts re-render at most once a frame, however fast the wheel turns.
    if (this.notifyFrame === 0 && this.listeners.size > 0) {
      this.notifyFrame = requestAnimationFrame(() => {
        this.notifyFrame = 0
        for (const listener of this.listeners) listener()
      })
    }
  }
}
