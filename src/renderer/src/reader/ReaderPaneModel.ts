import type { LoupeClient } from '../../../shared/api/client'
import type { DicomStack, DicomWindow } from '../../../shared/api/schemas'
import { loadReaderSlice, type ReaderSlice } from './readerSlice'
import { prefetchOrder, SliceCache } from './sliceCache'
import type { ViewTransform } from './viewportSurface'

/** Slices fetched ahead in the direction of travel, and behind it. */
const AHEAD = 8
const BEHIND = 2
/** Cine's rate when the file gives none, and the fastest it plays. */
export const DEFAULT_FPS = 10
export const MAX_FPS = 60

/** One viewport's series and how it is shown. */
export interface PaneState {
  /** The image the viewport was opened on (its series is read). */
  imageId: number
  stack: DicomStack | null
  /** Why the series could not be read. */
  stackError: string | null
  /** The slice asked for (0-based in the stack). */
  index: number
  /** Which way the person last moved: prefetching runs ahead that way. */
  direction: 1 | -1
  /** The slice drawn: the one asked for once it is here, the last one before that meanwhile. */
  shown: ReaderSlice | null
  /** Why the slice asked for could not be loaded. */
  sliceError: string | null
  /** The window every monochrome slice is shown through: the first slice's own until the person changes it. */
  window: DicomWindow | null
  /** The first slice's own window, which the series opened with and Reset goes back to. */
  seriesWindow: DicomWindow | null
  /** The person's invert, on top of MONOCHROME1's own. */
  inverted: boolean
  /** Zoom and pan; null: the slice fits the viewport. */
  view: ViewTransform | null
  overlays: boolean
  playing: boolean
  /** Cine's rate: the person's, or the file's, or DEFAULT_FPS. */
  fps: number
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * A reader viewport's state, kept outside React (like the workspace's DicomDisplay): slices arrive from the cache and
 * cine ticks on animation frames without re-rendering anything but what subscribes. Slices are fetched around the one
 * asked for, in the direction of travel; whatever arrives for an older request is kept but never shown over a newer
 * one.
 */
export class ReaderPaneModel {
  private state: PaneState | null = null
  private readonly listeners = new Set<() => void>()
  private readonly cache: SliceCache<ReaderSlice>
  private cineFrame = 0
  /** Counts open() calls, so only the latest one's series is taken. */
  private opened = 0
  /** The person's cine rate, kept across series. */
  private chosenFps: number | null = null

  constructor(private readonly client: LoupeClient) {
    this.cache = new SliceCache((imageId) => loadReaderSlice(client, imageId))
    // The cache is the model's own: the two go together, so the subscription needs no ending.
    this.cache.subscribe((imageId, outcome) => {
      const state = this.state
      if (!state || imageId !== this.wantedId()) return
      if ('slice' in outcome) this.show(outcome.slice)
      else this.update({ ...state, sliceError: outcome.error })
    })
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  current = (): PaneState | null => this.state

  /** Reads the series of `imageId`, starting at that slice, with the series' own window, fitted. */
  open(imageId: number): void {
    this.stopCine()
    this.update(this.opening(imageId))
    const request = ++this.opened
    this.client.api.dicom.stack({ imageId }).then(
      (stack) => {
        if (request !== this.opened || !this.state) return
        const fps = this.chosenFps ?? Math.min(MAX_FPS, Math.max(1, Math.round(stack.framesPerSecond ?? DEFAULT_FPS)))
        this.update({ ...this.state!, stack, index: stack.index, fps })
        this.fetch()
      },
      (error: unknown) => {
        if (request === this.opened && this.state) this.update({ ...this.state, stackError: messageOf(error) })
      },
    )
  }

  /** The state while the series of `imageId` is on its way. */
  opening(imageId: number): PaneState {
    return {
      imageId,
      stack: null,
      stackError: null,
      index: 0,
      direction: 1,
      shown: null,
      sliceError: null,
      window: null,
      seriesWindow: null,
      inverted: false,
      view: null,
      overlays: this.state?.overlays ?? true,
      playing: false,
      fps: this.chosenFps ?? DEFAULT_FPS,
    }
  }

  /** Stops cine; the model can be opened again afterwards (StrictMode runs effects twice). */
  dispose(): void {
    this.stopCine()
    if (this.state?.playing) this.update({ ...this.state, playing: false })
  }

  goTo = (index: number): void => {
    const state = this.state
    const count = state?.stack?.slices.length ?? 0
    if (!state || count === 0) return
    const next = Math.min(count - 1, Math.max(0, Math.round(index)))
    if (next === state.index) return
    this.update({ ...state, index: next, direction: next > state.index ? 1 : -1, sliceError: null })
    this.fetch()
  }

  step = (delta: number): void => {
    if (this.state) this.goTo(this.state.index + delta)
  }

  first = (): void => this.goTo(0)

  last = (): void => this.goTo((this.state?.stack?.slices.length ?? 1) - 1)

  setWindow = (window: DicomWindow): void => {
    if (this.state?.shown?.values) this.update({ ...this.state, window })
  }

  /** The preset at `position` (F2 is 0) of the slice shown; false when it has none. */
  applyPreset = (position: number): boolean => {
    const preset = this.state?.shown?.info.presets[position]
    if (preset) this.setWindow({ center: preset.center, width: preset.width })
    return preset !== undefined
  }

  toggleInvert = (): void => {
    if (this.state?.shown?.values) this.update({ ...this.state, inverted: !this.state.inverted })
  }

  setView = (view: ViewTransform | null): void => {
    if (this.state) this.update({ ...this.state, view })
  }

  toggleOverlays = (): void => {
    if (this.state) this.update({ ...this.state, overlays: !this.state.overlays })
  }

  /** The window the series opened with, no invert, fitted. */
  reset = (): void => {
    if (this.state) this.update({ ...this.state, window: this.state.seriesWindow, inverted: false, view: null })
  }

  toggleCine = (): void => {
    const state = this.state
    if (!state) return
    if (state.playing) {
      this.stopCine()
      this.update({ ...state, playing: false })
    } else if ((state.stack?.slices.length ?? 0) > 1) {
      this.update({ ...state, playing: true })
      this.startCine()
    }
  }

  pause = (): void => {
    if (this.state?.playing) this.toggleCine()
  }

  setFps = (fps: number): void => {
    const state = this.state
    if (!state || !Number.isFinite(fps)) return
    this.chosenFps = Math.min(MAX_FPS, Math.max(1, Math.round(fps)))
    this.update({ ...state, fps: this.chosenFps })
    // The clock starts again from the slice shown, at the new rate.
    if (state.playing) this.startCine()
  }

  /**
   * Plays in a loop. The slice follows the clock, so one not loaded in time is skipped rather than waited for: the
   * viewport shows what is here, and the rate holds.
   */
  private startCine(): void {
    this.stopCine()
    const began = performance.now()
    const from = this.state?.index ?? 0
    const tick = (now: number) => {
      const state = this.state
      const count = state?.stack?.slices.length ?? 0
      if (!state?.playing || count < 2) return
      const index = (from + Math.floor(((now - began) * state.fps) / 1000)) % count
      if (index !== state.index) {
        this.update({ ...state, index, direction: 1, sliceError: null })
        this.fetch()
      }
      this.cineFrame = requestAnimationFrame(tick)
    }
    this.cineFrame = requestAnimationFrame(tick)
  }

  private stopCine(): void {
    cancelAnimationFrame(this.cineFrame)
    this.cineFrame = 0
  }

  private wantedId(): number | null {
    return this.state?.stack?.slices[this.state.index]?.imageId ?? null
  }

  /** Shows the slice asked for if it is here, and fetches it and its neighbours (ahead first) if not. */
  private fetch(): void {
    const state = this.state
    const stack = state?.stack
    const wanted = this.wantedId()
    if (!state || !stack || wanted === null) return
    const here = this.cache.get(wanted)
    if (here) this.show(here)
    // Cine runs forwards and loops.
    const order = prefetchOrder(stack.slices.length, state.index, state.playing ? 1 : state.direction, AHEAD, BEHIND, state.playing)
    this.cache.want(order.map((at) => stack.slices[at]!.imageId))
  }

  private show(slice: ReaderSlice): void {
    const state = this.state
    if (!state || state.shown === slice) return
    // The series' window comes from its first slice shown, and then stays as the person scrolls.
    const seriesWindow = state.seriesWindow ?? (slice.values ? ownWindow(slice) : null)
    this.update({ ...state, shown: slice, sliceError: null, window: state.window ?? seriesWindow, seriesWindow })
  }

  private update(state: PaneState): void {
    this.state = state
    for (const listener of this.listeners) listener()
  }
}

function ownWindow(slice: ReaderSlice): DicomWindow {
  return { center: slice.info.defaultWindow.center, width: slice.info.defaultWindow.width }
}
