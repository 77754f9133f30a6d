export interface LoadedImage {
  element: HTMLImageElement
  /** 'loaded': the file is here and can be drawn (decoding it on first draw); 'failed': it could not be loaded. */
  state: 'loading' | 'loaded' | 'failed'
  /**
   * The decoded pixels, made ahead of time so that drawing the image costs no decoding. Null until made (or where
   * that failed); the element is drawn meanwhile.
   */
  bitmap: ImageBitmap | null
  failedAt?: number
}

/** Full-resolution images kept: the current one, a few ahead and one behind. Each can be ~50 MB decoded. */
const CAPACITY = 6
/** A failed image (a missing file, say) is tried again when asked for after this long, not on every re-render. */
const RETRY_AFTER_MS = 5_000
/** Decoding waits for an idle moment, but not longer than this. */
const IDLE_TIMEOUT_MS = 300

/**
 * Loads full-size images ahead of need and decodes them, so that stepping to the next image draws it in the same
 * frame.
 *
 * Decoding is done into an ImageBitmap, which holds the pixels until it is closed. `HTMLImageElement.decode()` is not
 * enough here: it decodes into the compositor's cache, which Chromium's 2D canvas does not draw from, so the canvas
 * decoded the JPEG again, on the main thread, inside the frame that shows it (seen in a Chromium trace: 50–170 ms
 * per 1600×1200 switch on a loaded 2-core machine). createImageBitmap from the element also decodes on
 * the main thread, so it is done in idle time, one image at a time, nearest first, while the person looks at the
 * current image.
 */
export class ImagePreloader {
  private readonly images = new Map<number, LoadedImage>()
  private readonly listeners = new Set<() => void>()
  /** The images wanted now, most wanted first: the current one, then the next ones, then the previous one. */
  private wanted: number[] = []
  private idleHandle: number | null = null

  constructor(private readonly urlOf: (imageId: number) => string) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  peek(imageId: number): LoadedImage | undefined {
    return this.images.get(imageId)
  }

  /** Makes `imageId` the most wanted image, keeping the others wanted so far. */
  prefer(imageId: number): void {
    this.want([imageId, ...this.wanted.filter((id) => id !== imageId)])
  }

  /** Loads these images (most wanted first) and decodes them in that order; others may be let go. */
  want(imageIds: readonly number[]): void {
    this.wanted = [...new Set(imageIds)]
    for (const imageId of this.wanted) this.load(imageId)
    this.evict()
    this.schedule()
  }

  dispose(): void {
    if (this.idleHandle !== null) cancelIdle(this.idleHandle)
    for (const image of this.images.values()) image.bitmap?.close()
    this.images.clear()
    this.wanted = []
  }

  private load(imageId: number): void {
    const existing = this.images.get(imageId)
    if (existing?.state === 'failed' && Date.now() - (existing.failedAt ?? 0) > RETRY_AFTER_MS) this.images.delete(imageId)
    else if (existing) {
      // Re-inserting moves it to the back of the eviction order.
      this.images.delete(imageId)
      this.images.set(imageId, existing)
      return
    }
    const element = new Image()
    element.alt = ''
    // The workspace keeps the shown one in the document, hidden, so tests can inspect its load state by this.
    element.dataset.testid = 'viewer-image'
    const loaded: LoadedImage = { element, state: 'loading', bitmap: null }
    element.onload = () => {
      loaded.state = 'loaded'
      this.changed()
      this.schedule()
    }
    element.onerror = () => {
      loaded.state = 'failed'
      loaded.failedAt = Date.now()
      this.changed()
    }
    element.src = this.urlOf(imageId)
    this.images.set(imageId, loaded)
  }

  private nextToDecode(): number | undefined {
    return this.wanted.find((imageId) => {
      const image = this.images.get(imageId)
      return image?.state === 'loaded' && !image.bitmap
    })
  }

  private schedule(): void {
    if (this.idleHandle !== null || this.nextToDecode() === undefined) return
    this.idleHandle = whenIdle(() => {
      void this.decodeNext().finally(() => {
        this.idleHandle = null
        this.schedule()
      })
    })
  }

  private async decodeNext(): Promise<void> {
    const imageId = this.nextToDecode()
    const image = imageId === undefined ? undefined : this.images.get(imageId)
    if (imageId === undefined || !image) return
    // Upright by its EXIF orientation, as the <img> is, and as box coordinates are.
    const bitmap = await createImageBitmap(image.element, { imageOrientation: 'from-image' }).catch(() => null)
    if (this.images.get(imageId) !== image) {
      bitmap?.close()
      return
    }
    if (bitmap) {
      image.bitmap = bitmap
      this.changed()
    } else {
      // Not retried for now: the element is drawn instead, as it would be without any of this.
      this.wanted = this.wanted.filter((id) => id !== imageId)
    }
  }

  private evict(): void {
    for (const [imageId, image] of this.images) {
      if (this.images.size <= CAPACITY) break
      if (this.wanted.includes(imageId)) continue
      this.images.delete(imageId)
      // Stop a download nobody wants any more, and let the decoded pixels go.
      if (image.state === 'loading') image.element.src = ''
      image.bitmap?.close()
      image.bitmap = null
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener()
  }
}

function whenIdle(callback: () => void): number {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS })
  return window.setTimeout(callback, 16)
}

function cancelIdle(handle: number): void {
  if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle)
  else clearTimeout(handle)
}
