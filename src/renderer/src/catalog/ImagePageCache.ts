import type { ImagePage, ImageSummary } from '../../../shared/api/schemas'

const PAGE_SIZE = 200
/** Enough to fill a tall screen quickly without flooding the services while someone drags the scrollbar. */
const MAX_PARALLEL_LOADS = 3
/** When a whole range is needed (shift-click, select all), pages are fetched this many to a request (the API's limit)… */
const PAGES_PER_REQUEST = 5
/** …with this many requests in flight. */
const RANGE_PARALLEL_REQUESTS = 4

type FetchPage = (offset: number, limit: number) => Promise<ImagePage>

const pageOf = (index: number) => Math.floor(index / PAGE_SIZE)

/**
 * The images of one query (filter + sort), fetched page by page as the grid scrolls to them.
 *
 * Only the range the grid reports as visible is loaded. While pages are in flight the newest visible range wins: a
 * fast scroll past thousands of rows fetches the pages where it stops, not every page it flew over. Pages stay cached
 * for the life of the query (100,000 summaries are a few tens of MB); a new query or a catalogue change gets a new
 * cache. After a catalogue change the previous cache is kept as a fallback, so tiles keep showing what they showed
 * until fresh pages replace them instead of flashing empty.
 */
export class ImagePageCache {
  private readonly pages = new Map<number, ImageSummary[]>()
  private readonly loading = new Map<number, Promise<void>>()
  private readonly failed = new Set<number>()
  private readonly listeners = new Set<() => void>()
  private knownTotal: number | null = null
  private visible = { first: 0, last: -1 }
  private version = 0
  private disposed = false

  constructor(
    private readonly fetchPage: FetchPage,
    private readonly onError: (error: unknown) => void,
    private fallback: ImagePageCache | null = null,
  ) {
    // One level of fallback is all that is ever useful; dropping older ones lets them be collected.
    if (fallback) fallback.fallback = null
  }

  /**
   * Loads the page the grid was showing (the first one for a new query). That also learns the new total, which the
   * grid needs even when the fallback's total was 0 and there was no row to ask for.
   */
  start(): void {
    void this.load(pageOf(this.fallback?.visible.first ?? 0))
  }

  dispose(): void {
    this.disposed = true
    this.listeners.clear()
  }

  get total(): number | null {
    return this.knownTotal ?? this.fallback?.total ?? null
  }

  /** True when the very first page could not be loaded, so there is nothing to show but an error and a retry. */
  get failedToStart(): boolean {
    return this.total === null && this.failed.has(0)
  }

  item(index: number): ImageSummary | undefined {
    const page = this.pages.get(pageOf(index))
    return page ? page[index % PAGE_SIZE] : this.fallback?.item(index)
  }

  /** The grid's visible range (with overscan), as item indices. */
  show(first: number, last: number): void {
    this.visible = { first, last }
    this.pump()
  }

  retry(): void {
    this.failed.clear()
    this.start()
    this.pump()
  }

  /** Every item from first to last inclusive, loading what is missing; items of pages that fail to load are left out. */
  async range(first: number, last: number): Promise<ImageSummary[]> {
    const inFlight: Promise<void>[] = []
    const runs: { first: number; count: number }[] = []
    for (let page = pageOf(first); page <= pageOf(last); page++) {
      if (this.pages.has(page)) continue
      const loading = this.loading.get(page)
      if (loading) inFlight.push(loading)
      else {
        const run = runs.at(-1)
        if (run && run.first + run.count === page && run.count < PAGES_PER_REQUEST) run.count++
        else runs.push({ first: page, count: 1 })
      }
    }
    for (let i = 0; i < runs.length; i += RANGE_PARALLEL_REQUESTS) {
      await Promise.all(runs.slice(i, i + RANGE_PARALLEL_REQUESTS).map((run) => this.load(run.first, run.count)))
    }
    await Promise.all(inFlight)
    const items: ImageSummary[] = []
    for (let index = first; index <= last; index++) {
      const item = this.pages.get(pageOf(index))?.[index % PAGE_SIZE]
      if (item) items.push(item)
    }
    return items
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  snapshot = (): number => this.version

  private pump(): void {
    const { first, last } = this.visible
    if (last < first) return
    for (let page = pageOf(first); page <= pageOf(last) && this.loading.size < MAX_PARALLEL_LOADS; page++) {
      if (!this.pages.has(page) && !this.loading.has(page) && !this.failed.has(page)) void this.load(page)
    }
  }

  /**
   * Loads `count` consecutive pages from `first` with one request; a single page already on its way is not asked for
   * again. Listeners hear of the reply once the cache has settled around it: the request is no longer in flight, and
   * the next pages the grid shows are on their way.
   */
  private load(first: number, count = 1): Promise<void> {
    const inFlight = this.loading.get(first)
    if (count === 1 && inFlight) return inFlight
    const pages = Array.from({ length: count }, (_, i) => first + i)
    const settled = () => {
      for (const page of pages) this.loading.delete(page)
      return !this.disposed
    }
    const request = this.fetchPage(first * PAGE_SIZE, count * PAGE_SIZE).then(
      (reply) => {
        if (!settled()) return
        for (const page of pages) {
          const start = (page - first) * PAGE_SIZE
          this.pages.set(page, reply.items.slice(start, start + PAGE_SIZE))
          this.failed.delete(page)
        }
        this.knownTotal = reply.total
        if (this.coversVisibleRange()) this.fallback = null
        this.pump()
        this.changed()
      },
      (error: unknown) => {
        if (!settled()) return
        for (const page of pages) this.failed.add(page)
        this.onError(error)
        this.pump()
        this.changed()
      },
    )
    for (const page of pages) this.loading.set(page, request)
    return request
  }

  private coversVisibleRange(): boolean {
    const { first, last } = this.visible
    for (let page = pageOf(first); page <= pageOf(Math.max(first, last)); page++) if (!this.pages.has(page)) return false
    return true
  }

  private changed(): void {
    this.version++
    for (const listener of this.listeners) listener()
  }
}
