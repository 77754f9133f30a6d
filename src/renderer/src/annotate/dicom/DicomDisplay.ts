import type { DicomFrameInfo, DicomWindow } from '../../../../shared/api/schemas'
import type { Point } from '../geometry'
import type { DicomFrame, DicomFrameLoader } from './DicomFrameLoader'
import { dragStep, draggedWindow, renderWindowed, sameWindow, type VoiFunction } from './windowing'
import { t } from '../../i18n/t'

export interface DicomView {
  imageId: number | null
  /** idle: the image shown is not a DICOM image (or none is). */
  status: 'idle' | 'loading' | 'ready' | 'failed'
  frame: DicomFrame | null
  error: string | null
  /** The window the frame is shown through; null unless it is a monochrome frame with its values here. */
  window: DicomWindow | null
  /** The viewer's invert, on top of MONOCHROME1's own. */
  inverted: boolean
  /** The preset the window is, if it is one. */
  presetId: string | null
  /** The image's own window (the file's, or one spanning its values), not inverted. */
  isDefault: boolean
  /** While on, a left drag on the image adjusts the window instead of drawing. */
  windowTool: boolean
  /** The window the canvas holds now (it is drawn on the next animation frame after a change). */
  rendered: WindowedRendering | null
  /** The window the image layer last drew the canvas through: what is on screen. */
  drawn: WindowedRendering | null
}

export interface WindowedRendering {
  window: DicomWindow
  inverted: boolean
}

/** The pixel under the cursor: image coordinates and its value (null for colour images). */
export interface PixelProbe {
  x: number
  y: number
  value: number | null
}

const IDLE: DicomView = {
  imageId: null,
  status: 'idle',
  frame: null,
  error: null,
  window: null,
  inverted: false,
  presetId: null,
  isDefault: true,
  windowTool: false,
  rendered: null,
  drawn: null,
}

/** Keys for the presets, in the order their buttons are shown. */
export const PRESET_KEYS = ['F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9'] as const

/**
 * Window/level for the DICOM image in the workspace. It renders the frame's values through the current window into
 * one canvas, which the canvas' image layer draws in place of the server's PNG; a change re-renders at most once per
 * animation frame and redraws only that layer. A window the person chooses stays while they step through the same
 * series, as reading a series slice by slice expects; Reset goes back to each image's own.
 *
 * Kept outside React like the Viewport: the workspace subscribes only to whether the canvas is ready, the window/level
 * bar to the rest, and the readout to the pixel under the cursor, so a drag re-renders nothing but those.
 */
export class DicomDisplay {
  readonly canvas: HTMLCanvasElement = document.createElement('canvas')
  private pixels: { image: ImageData; words: Uint32Array; context: CanvasRenderingContext2D } | null = null
  private view: DicomView = IDLE
  private probe: PixelProbe | null = null
  private readonly listeners = new Set<() => void>()
  private readonly probeListeners = new Set<() => void>()
  /** The window the person chose, and the series it applies to. */
  private chosen: { seriesUid: string; window: DicomWindow; inverted: boolean } | null = null
  private drag: { start: DicomWindow; step: number } | null = null
  private renderFrame = 0
  /** Counts show() calls, so that only the latest one's frame is presented. */
  private requests = 0

  constructor(
    private readonly loader: DicomFrameLoader,
    /** Draws the canvas' image layer again, after the canvas' pixels changed in place; `drawn` once it has. */
    private readonly redraw: (drawn: () => void) => void,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  current = (): DicomView => this.view

  subscribeProbe = (listener: () => void): (() => void) => {
    this.probeListeners.add(listener)
    return () => this.probeListeners.delete(listener)
  }

  currentProbe = (): PixelProbe | null => this.probe

  /** The canvas, once it holds `imageId` rendered through its window; null meanwhile (the PNG is shown instead). */
  sourceFor(imageId: number | null): HTMLCanvasElement | null {
    const { view } = this
    return imageId !== null && view.imageId === imageId && view.rendered !== null ? this.canvas : null
  }

  /** True when a drag on the image would adjust the window. */
  get canWindow(): boolean {
    return this.view.window !== null
  }

  /**
   * Shows `imageId`'s frame once loaded. `isDicom` null means not known yet (the image's details are on their way):
   * the image is then taken to be like the one before, so stepping through a series keeps the bar in place, and a
   * guess that proves wrong ends quietly.
   */
  show(imageId: number | null, isDicom: boolean | null): void {
    const wanted = imageId !== null && (isDicom ?? this.view.status !== 'idle')
    if (imageId === this.view.imageId && wanted === (this.view.status !== 'idle')) return
    const request = ++this.requests
    this.drag = null
    this.setProbe(null)
    const { windowTool } = this.view
    if (!wanted) return this.update({ ...IDLE, imageId, windowTool })
    this.update({ ...IDLE, imageId, status: 'loading', windowTool })
    this.loader.load(imageId).then(
      (frame) => {
        if (request === this.requests) this.present(frame)
      },
      (error: unknown) => {
        if (request !== this.requests) return
        if (isDicom === null) return this.update({ ...IDLE, imageId, windowTool: this.view.windowTool })
        this.update({ ...this.view, status: 'failed', error: error instanceof Error ? error.message : String(error) })
      },
    )
  }

  /** Fetches these images' frames ahead of need; ones that are not DICOM images simply fail, quietly. */
  prefetch(imageIds: readonly number[]): void {
    for (const imageId of imageIds) this.loader.load(imageId).catch(() => {})
  }

  setWindow(window: DicomWindow): void {
    if (!this.view.window) return
    this.choose({ window, inverted: this.view.inverted })
  }

  applyPreset(presetId: string): void {
    const preset = this.view.frame?.info.presets.find((candidate) => candidate.id === presetId)
    if (preset) this.setWindow({ center: preset.center, width: preset.width })
  }

  toggleInvert(): void {
    if (this.view.window) this.choose({ window: this.view.window, inverted: !this.view.inverted })
  }

  /** Back to the image's own window, for this image and the rest of its series. */
  reset(): void {
    const info = this.view.frame?.info
    if (!info || !this.view.window) return
    this.chosen = null
    const window = defaultWindow(info)
    this.update({ ...this.view, window, inverted: false, presetId: presetOf(info, window), isDefault: true })
    this.scheduleRender()
  }

  toggleWindowTool(): void {
    this.update({ ...this.view, windowTool: !this.view.windowTool })
  }

  beginDrag(): boolean {
    const { window, frame } = this.view
    if (!window || !frame) return false
    this.drag = { start: window, step: dragStep(frame.info.valueRange, window) }
    return true
  }

  /** The drag so far, in screen pixels from where it began. */
  dragBy(dx: number, dy: number): void {
    if (this.drag) this.setWindow(draggedWindow(this.drag.start, dx, dy, this.drag.step))
  }

  endDrag(): void {
    this.drag = null
  }

  /** The window/level keys (keymap.ts); false when the key is not one of them or there is no window to change. */
  handleKey(key: string): boolean {
    if (!this.view.window) return false
    const presetIndex = (PRESET_KEYS as readonly string[]).indexOf(key)
    if (presetIndex >= 0) {
      const preset = this.view.frame?.info.presets[presetIndex]
      if (preset) this.applyPreset(preset.id)
      return preset !== undefined
    }
    switch (key.toLowerCase()) {
      case 'i':
        this.toggleInvert()
        return true
      case 'r':
        this.reset()
        return true
      case 'l':
        this.toggleWindowTool()
        return true
      default:
        return false
    }
  }

  /** The pixel under the cursor (image coordinates), or null when the cursor is off the image. */
  pointAt(point: Point | null): void {
    const frame = this.view.frame
    if (!point || !frame || this.view.imageId !== frame.imageId) return this.setProbe(null)
    const x = Math.floor(point.x)
    const y = Math.floor(point.y)
    const { width, height } = frame.info
    if (x < 0 || y < 0 || x >= width || y >= height) return this.setProbe(null)
    if (this.probe?.x === x && this.probe.y === y) return
    this.setProbe({ x, y, value: frame.values ? frame.values[y * width + x]! : null })
  }

  dispose(): void {
    cancelAnimationFrame(this.renderFrame)
    this.renderFrame = 0
  }

  private present(frame: DicomFrame): void {
    const { info, metadata, values } = frame
    if (!values || !info.monochrome) return this.update({ ...this.view, status: 'ready', frame })
    const seriesUid = metadata.series.uid
    const kept = this.chosen && seriesUid !== null && this.chosen.seriesUid === seriesUid ? this.chosen : null
    const window = kept?.window ?? defaultWindow(info)
    this.view = {
      ...this.view,
      status: 'ready',
      frame,
      window,
      inverted: kept?.inverted ?? false,
      presetId: presetOf(info, window),
      isDefault: kept === null,
    }
    // Rendered before anyone hears of it, so the canvas is never drawn holding the previous image.
    this.render()
  }

  private choose(choice: { window: DicomWindow; inverted: boolean }): void {
    const info = this.view.frame?.info
    if (!info) return
    const seriesUid = this.view.frame?.metadata.series.uid ?? null
    this.chosen = seriesUid === null ? null : { seriesUid, ...choice }
    const isDefault = !choice.inverted && sameWindow(choice.window, defaultWindow(info))
    this.update({ ...this.view, ...choice, presetId: presetOf(info, choice.window), isDefault })
    this.scheduleRender()
  }

  private scheduleRender(): void {
    if (this.renderFrame !== 0) return
    this.renderFrame = requestAnimationFrame(() => {
      this.renderFrame = 0
      this.render()
    })
  }

  private render(): void {
    const { frame, window, inverted } = this.view
    if (!frame?.values || !window) return
    const { width, height } = frame.info
    const pixels = this.pixelsOf(width, height)
    if (!pixels) return this.update({ ...this.view, status: 'failed', error: t('annotate.dicom.noCanvas') })
    const started = performance.now()
    // MONOCHROME1 stores low values as white; the viewer's invert flips whatever the file says.
    renderWindowed(frame.values, pixels.words, window, voiFunctionOf(frame.info), frame.info.invert !== inverted, frame.integers)
    pixels.context.putImageData(pixels.image, 0, 0)
    // For benchmarks and traces: what one re-windowing costs, up to the layer's redraw.
    // i18n-exempt: a performance measure's name
    performance.measure('loupe:dicom-window', { start: started, detail: { imageId: frame.imageId } })
    const rendering = { window, inverted }
    this.update({ ...this.view, rendered: rendering })
    const imageId = frame.imageId
    this.redraw(() => {
      if (this.view.imageId === imageId && this.view.rendered === rendering) this.update({ ...this.view, drawn: rendering })
    })
  }

  private pixelsOf(width: number, height: number) {
    if (this.pixels && this.pixels.image.width === width && this.pixels.image.height === height) return this.pixels
    this.canvas.width = width
    this.canvas.height = height
    const context = this.canvas.getContext('2d')
    if (!context) return null
    const image = context.createImageData(width, height)
    this.pixels = { image, words: new Uint32Array(image.data.buffer), context }
    return this.pixels
  }

  private update(view: DicomView): void {
    this.view = view
    for (const listener of this.listeners) listener()
  }

  private setProbe(probe: PixelProbe | null): void {
    if (probe === this.probe) return
    this.probe = probe
    for (const listener of this.probeListeners) listener()
  }
}

export function defaultWindow(info: DicomFrameInfo): DicomWindow {
  return { center: info.defaultWindow.center, width: info.defaultWindow.width }
}

/**
 * The file's windows follow the file's VOI LUT function; a window made from the data spans real values exactly, as
 * the main process renders the PNG, so the canvas taking over from it changes nothing on screen.
 */
export function voiFunctionOf(info: DicomFrameInfo): VoiFunction {
  return info.defaultWindow.source === 'file' ? info.voiFunction : 'LINEAR_EXACT'
}

function presetOf(info: DicomFrameInfo, window: DicomWindow): string | null {
  return info.presets.find((preset) => sameWindow(preset, window))?.id ?? null
}
