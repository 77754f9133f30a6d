import { describe, expect, it } from 'vitest'
import { AnnotationStore } from '../../../src/renderer/src/annotate/AnnotationStore'
import type { Box, ImageAnnotations } from '../../../src/shared/api/schemas'

type Rect = Omit<Box, 'id' | 'label'>

/**
 * The annotation services for a few images, answering asynchronously as over the wire. Replies can be held back and
 * let go one by one (`hold`, `release`), to make them arrive in another order than the requests went out.
 */
class Services {
  private readonly images = new Map<number, ImageAnnotations>()
  private nextBoxId = 1
  private holding = false
  private readonly held: (() => void)[] = []
  fetches = 0

  constructor(imageIds: number[]) {
    for (const imageId of imageIds) {
      this.images.set(imageId, { imageId, width: 100, height: 80, boxes: [], measurements: [], tags: [], status: 'unlabelled', canUndo: false, canRedo: false })
    }
  }

  hold(): void {
    this.holding = true
  }

  /** Lets the held reply at `index` (0: the oldest) arrive. */
  release(index: number): void {
    const [reply] = this.held.splice(index, 1)
    reply!()
  }

  readonly get = (imageId: number): Promise<ImageAnnotations> => {
    this.fetches++
    return this.answer(() => this.state(imageId))
  }

  addBox(imageId: number, label: string | null, rect: Rect): Promise<ImageAnnotations> {
    return this.answer(() => {
      if (rect.width < 2 || rect.height < 2) throw new Error('A box must be at least 2 × 2 pixels.')
      const image = this.state(imageId)
      // The services keep whole pixels.
      const box = { id: this.nextBoxId++, label, x: Math.round(rect.x), y: Math.round(rect.y), width: Math.round(rect.width), height: Math.round(rect.height) }
      this.images.set(imageId, { ...image, boxes: [...image.boxes, box], status: 'in_progress', canUndo: true })
      return this.state(imageId)
    })
  }

  private state(imageId: number): ImageAnnotations {
    const image = this.images.get(imageId)
    if (!image) throw new Error(`No image ${imageId}`)
    return structuredClone(image)
  }

  /** Works out the reply now, as the services would on receipt, and delivers it later. */
  private answer(work: () => ImageAnnotations): Promise<ImageAnnotations> {
    let outcome: { ok: true; value: ImageAnnotations } | { ok: false; error: unknown }
    try {
      outcome = { ok: true, value: work() }
    } catch (error) {
      outcome = { ok: false, error }
    }
    return new Promise((resolve, reject) => {
      const deliver = () => (outcome.ok ? resolve(outcome.value) : reject(outcome.error))
      if (this.holding) this.held.push(deliver)
      else queueMicrotask(deliver)
    })
  }
}

const optimisticBox = (store: AnnotationStore, rect: Rect) => (annotations: ImageAnnotations) => ({
  ...annotations,
  boxes: [...annotations.boxes, { id: store.temporaryId(), label: 'cat', ...rect }],
})

describe('AnnotationStore', () => {
  it('loads an image once, and again only when it may have changed elsewhere or when forced', async () => {
    const services = new Services([1])
    const store = new AnnotationStore(services.get)
    expect(store.get(1)).toBeNull()
    await Promise.all([store.load(1), store.load(1)])
    expect(store.get(1)?.imageId).toBe(1)
    await store.load(1)
    expect(services.fetches).toBe(1)
    store.markAllStale()
    await store.load(1)
    await store.load(1, true)
    expect(services.fetches).toBe(3)
  })

  it('shows an edit at once, then what the services replied', async () => {
    const services = new Services([1])
    const store = new AnnotationStore(services.get)
    await store.load(1)
    let changes = 0
    store.subscribe(() => changes++)
    const rect = { x: 10.4, y: 20, width: 30, height: 40 }
    const saved = store.edit(1, optimisticBox(store, rect), () => services.addBox(1, 'cat', rect))
    expect(store.get(1)?.boxes).toEqual([{ id: -1, label: 'cat', ...rect }])
    await saved
    expect(store.get(1)?.boxes).toEqual([{ id: 1, label: 'cat', x: 10, y: 20, width: 30, height: 40 }])
    expect(store.get(1)?.status).toBe('in_progress')
    expect(changes).toBe(2)
  })

  it('rolls a refused edit back, fetches the image again, and passes the refusal on', async () => {
    const services = new Services([1])
    const store = new AnnotationStore(services.get)
    await store.load(1)
    const rect = { x: 10, y: 10, width: 1, height: 1 }
    const refused = store.edit(1, optimisticBox(store, rect), () => services.addBox(1, 'cat', rect))
    expect(store.get(1)?.boxes).toHaveLength(1)
    await expect(refused).rejects.toThrow('at least 2 × 2')
    expect(store.get(1)?.boxes).toEqual([])
    expect(services.fetches).toBe(2)
  })

  it('never lets a late reply to an older request overwrite a newer one', async () => {
    const services = new Services([1])
    const store = new AnnotationStore(services.get)
    await store.load(1)
    services.hold()
    const refresh = store.load(1, true)
    const rect = { x: 0, y: 0, width: 10, height: 10 }
    const edit = store.edit(1, optimisticBox(store, rect), () => services.addBox(1, null, rect))
    // The edit's reply arrives first; the refresh, asked before the edit was made, arrives after it.
    services.release(1)
    await edit
    services.release(0)
    await refresh
    expect(store.get(1)?.boxes).toEqual([{ id: 1, label: null, ...rect }])
  })

  it('holds an edit back until what it waits for has happened, showing it meanwhile', async () => {
    const services = new Services([1])
    const store = new AnnotationStore(services.get)
    await store.load(1)
    let allow!: () => void
    const allowed = new Promise<void>((resolve) => (allow = resolve))
    const sent: string[] = []
    const rect = { x: 0, y: 0, width: 10, height: 10 }
    const edit = store.edit(
      1,
      optimisticBox(store, rect),
      () => {
        sent.push('addBox')
        return services.addBox(1, 'cat', rect)
      },
      allowed,
    )
    expect(store.get(1)?.boxes).toHaveLength(1)
    expect(sent).toEqual([])
    allow()
    await edit
    expect(sent).toEqual(['addBox'])
  })

  it('knows a box drawn under a temporary id by the id it was saved as', async () => {
    const store = new AnnotationStore(new Services([1]).get)
    const first = store.temporaryId()
    const second = store.temporaryId()
    expect(first).toBeLessThan(0)
    expect(second).toBeLessThan(first)
    expect(store.resolvedId(first)).toBe(first)

    let save!: (id: number | null) => void
    store.trackSave(first, new Promise((resolve) => (save = resolve)))
    const savedId = store.savedId(first)
    save(42)
    expect(await savedId).toBe(42)
    expect(store.resolvedId(first)).toBe(42)
    expect(store.isBox({ id: 42, label: null, x: 0, y: 0, width: 2, height: 2 }, first)).toBe(true)
    expect(store.isBox({ id: 43, label: null, x: 0, y: 0, width: 2, height: 2 }, first)).toBe(false)
    expect(await store.savedId(7)).toBe(7)

    store.trackSave(second, Promise.resolve(null))
    expect(await store.savedId(second)).toBeNull()
    expect(store.resolvedId(second)).toBe(second)
  })
})
