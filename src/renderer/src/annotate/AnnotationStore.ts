import type { Box, ImageAnnotations } from '../../../shared/api/schemas'

type Fetch = (imageId: number) => Promise<ImageAnnotations>

/** A local change shown at once, until the services' reply to the request that makes it for real arrives. */
interface PendingEdit {
  /** Order in which its request went out; Infinity while it waits for something before it can be sent. */
  seq: number
  apply: (annotations: ImageAnnotations) => ImageAnnotations
}

interface Entry {
  /** The latest state the services replied with. */
  confirmed: ImageAnnotations | null
  /** The request that reply answered: older replies arriving late are ignored. */
  confirmedSeq: number
  pending: PendingEdit[]
  /** confirmed with the pending edits on top: what the UI shows. Recomputed on change, so it is a stable reference. */
  shown: ImageAnnotations | null
  loading: Promise<ImageAnnotations> | null
  /** Something may have changed it elsewhere (a label was renamed, say): shown as is, fetched again when next needed. */
  stale: boolean
  lastUsed: number
}

/** Images whose annotations are kept; far more than the few being prefetched, and small (a few KB each). */
const MAX_ENTRIES = 200

/**
 * The annotations of the images around the one being labelled, as the services last described them.
 *
 * Every edit is a request whose reply is the image's complete new state; that reply becomes the truth. Until it
 * arrives the edit is shown optimistically, layered over the last reply. Requests carry a sequence number: the
 * services answer in order, so a reply supersedes every edit sent before it, and a late reply to an older request
 * (say, a background refresh) never overwrites a newer one.
 */
export class AnnotationStore {
  private readonly entries = new Map<number, Entry>()
  private readonly listeners = new Set<() => void>()
  /** Boxes drawn but not yet saved have negative ids; this maps them to the ids the services gave them. */
  private readonly savedIds = new Map<number, Promise<number | null>>()
  private readonly knownIds = new Map<number, number>()
  private seq = 0
  private nextTemporaryId = -1
  private clock = 0

  constructor(private readonly fetch: Fetch) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** What to show for the image, or null if it has not been loaded yet. */
  get(imageId: number): ImageAnnotations | null {
    const entry = this.entries.get(imageId)
    if (entry) entry.lastUsed = ++this.clock
    return entry?.shown ?? null
  }

  /** Loads the image's annotations unless they are already here and fresh; `force` asks again regardless. */
  load(imageId: number, force = false): Promise<ImageAnnotations> {
    const entry = this.entry(imageId)
    if (entry.loading && !force) return entry.loading
    if (entry.shown && !entry.stale && !force) return Promise.resolve(entry.shown)
    const seq = ++this.seq
    entry.stale = false
    const loading = this.fetch(imageId).then(
      (reply) => {
        if (entry.loading === loading) entry.loading = null
        this.confirm(imageId, entry, seq, reply)
        return entry.shown ?? reply
      },
      (error: unknown) => {
        if (entry.loading === loading) entry.loading = null
        entry.stale = true
        throw error
      },
    )
    entry.loading = loading
    return loading
  }

  /** Everything may have changed elsewhere: keep showing it, but fetch it again before trusting it. */
  markAllStale(): void {
    for (const entry of this.entries.values()) entry.stale = true
  }

  /**
   * Shows `optimistic` at once and sends the request `send` makes; its reply replaces what is shown. `after` holds
   * the request back until something else has happened (a box being saved before it can be moved). On failure the
   * optimistic change is dropped, the image is fetched again, and the error is rethrown for the caller to report.
   */
  async edit(
    imageId: number,
    optimistic: (annotations: ImageAnnotations) => ImageAnnotations,
    send: () => Promise<ImageAnnotations>,
    after?: Promise<unknown>,
  ): Promise<ImageAnnotations> {
    const entry = this.entry(imageId)
    const edit: PendingEdit = { seq: Infinity, apply: optimistic }
    entry.pending.push(edit)
    this.recompute(entry)
    try {
      if (after) await after
      edit.seq = ++this.seq
      const reply = await send()
      this.confirm(imageId, entry, edit.seq, reply)
      return reply
    } catch (error) {
      entry.pending = entry.pending.filter((candidate) => candidate !== edit)
      this.recompute(entry)
      this.load(imageId, true).catch(() => {})
      throw error
    }
  }

  /** A fresh id for a box drawn but not yet saved. */
  temporaryId(): number {
    return this.nextTemporaryId--
  }

  /** Records that the box `temporaryId` will be saved by `saved`, which resolves to its real id (null on failure). */
  trackSave(temporaryId: number, saved: Promise<number | null>): void {
    this.savedIds.set(
      temporaryId,
      saved.then((id) => {
        if (id !== null) this.knownIds.set(temporaryId, id)
        return id
      }),
    )
  }

  /** The id the services know the box by: waits for a box still being saved; null if its save failed. */
  async savedId(boxId: number): Promise<number | null> {
    if (boxId > 0) return boxId
    return (await this.savedIds.get(boxId)) ?? null
  }

  /** The real id of a box drawn under `boxId`, once saved; the id itself for a box that was never temporary. */
  resolvedId(boxId: number): number {
    return boxId < 0 ? (this.knownIds.get(boxId) ?? boxId) : boxId
  }

  /** Whether `box` is the box referred to as `boxId`, which may be the temporary id it was drawn under. */
  isBox(box: Box, boxId: number): boolean {
    return box.id === boxId || (boxId < 0 && this.knownIds.get(boxId) === box.id)
  }

  private confirm(imageId: number, entry: Entry, seq: number, reply: ImageAnnotations): void {
    if (reply.imageId !== imageId || seq <= entry.confirmedSeq) return
    entry.confirmed = reply
    entry.confirmedSeq = seq
    // The reply includes every edit whose request went out before it.
    entry.pending = entry.pending.filter((edit) => edit.seq > seq)
    this.recompute(entry)
  }

  private recompute(entry: Entry): void {
    const base = entry.confirmed
    entry.shown = base && entry.pending.reduce((state, edit) => edit.apply(state), base)
    for (const listener of this.listeners) listener()
  }

  private entry(imageId: number): Entry {
    let entry = this.entries.get(imageId)
    if (!entry) {
      entry = { confirmed: null, confirmedSeq: 0, pending: [], shown: null, loading: null, stale: false, lastUsed: 0 }
      this.entries.set(imageId, entry)
      this.evict()
    }
    entry.lastUsed = ++this.clock
    return entry
  }

  private evict(): void {
    if (this.entries.size <= MAX_ENTRIES) return
    const idle = [...this.entries].filter(([, entry]) => entry.pending.length === 0 && !entry.loading)
    idle.sort((a, b) => a[1].lastUsed - b[1].lastUsed)
    for (const [imageId] of idle.slice(0, this.entries.size - MAX_ENTRIES)) this.entries.delete(imageId)
  }
}
