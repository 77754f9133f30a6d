/**
 * The slices to fetch around the one shown, most urgent first: it, then up to `ahead` in the direction of travel,
 * then up to `behind` the other way (the person may turn back). `wrap` (cine loops) continues past the ends.
 */
export function prefetchOrder(count: number, index: number, direction: 1 | -1, ahead: number, behind: number, wrap = false): number[] {
  const order: number[] = []
  const add = (candidate: number) => {
    const at = wrap ? ((candidate % count) + count) % count : candidate
    if (at >= 0 && at < count && !order.includes(at)) order.push(at)
  }
  add(index)
  for (let step = 1; step <= ahead; step += 1) add(index + direction * step)
  for (let step = 1; step <= behind; step += 1) add(index - direction * step)
  return order
}

export interface SliceCacheOptions {
  /** Slices kept once loaded (a 512 × 512 slice is 1 MB of values). */
  capacity: number
  /** Requests under way at once at most: more only queue on the services' side, behind the slice needed now. */
  inFlight: number
}

/**
 * Decoded slices by image id: the most recently used kept, fetched a few at a time in the order asked for. Asking
 * again replaces the queue, so slices the person scrolled past are never fetched ahead of the one now needed; the
 * ones already under way finish and are kept.
 */
export class SliceCache<Slice> {
  private readonly loaded = new Map<number, Slice>()
  private readonly loading = new Set<number>()
  private queue: number[] = []
  private readonly listeners = new Set<(imageId: number, outcome: { slice: Slice } | { error: string }) => void>()

  constructor(
    private readonly load: (imageId: number) => Promise<Slice>,
    private readonly options: SliceCacheOptions = { capacity: 48, inFlight: 3 },
  ) {}

  /** The slice if it is here; it becomes the most recently used. */
  get(imageId: number): Slice | undefined {
    const slice = this.loaded.get(imageId)
    if (slice !== undefined) {
      this.loaded.delete(imageId)
      this.loaded.set(imageId, slice)
    }
    return slice
  }

  has(imageId: number): boolean {
    return this.loaded.has(imageId)
  }

  /** The images wanted now, most urgent first; any not here and not under way are fetched in that order. */
  want(imageIds: readonly number[]): void {
    this.queue = imageIds.filter((imageId) => !this.loaded.has(imageId) && !this.loading.has(imageId))
    this.pump()
  }

  /** Hears of each slice loaded or failed. */
  subscribe(listener: (imageId: number, outcome: { slice: Slice } | { error: string }) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The image ids loaded, least recently used first. */
  keys(): number[] {
    return [...this.loaded.keys()]
  }

  private pump(): void {
    while (this.loading.size < this.options.inFlight && this.queue.length > 0) this.start(this.queue.shift()!)
  }

  private start(imageId: number): void {
    this.loading.add(imageId)
    this.load(imageId).then(
      (slice) => {
        this.loading.delete(imageId)
        this.loaded.set(imageId, slice)
        for (const oldest of this.loaded.keys()) {
          if (this.loaded.size <= this.options.capacity) break
          this.loaded.delete(oldest)
        }
        this.pump()
        for (const listener of this.listeners) listener(imageId, { slice })
      },
      (error: unknown) => {
        // A failure is not kept: asking again tries again (the file may be back).
        this.loading.delete(imageId)
        this.pump()
        const message = error instanceof Error ? error.message : String(error)
        for (const listener of this.listeners) listener(imageId, { error: message })
      },
    )
  }
}
