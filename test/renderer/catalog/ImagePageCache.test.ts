import { describe, expect, it } from 'vitest'
import { ImagePageCache } from '../../../src/renderer/src/catalog/ImagePageCache'
import type { ImagePage, ImageSummary } from '../../../src/shared/api/schemas'

const PAGE = 200

function summaries(count: number, firstId = 1): ImageSummary[] {
  return Array.from({ length: count }, (_, i) => ({
    id: firstId + i,
    fileName: `image-${firstId + i}.jpg`,
    width: 64,
    height: 48,
    status: 'unlabelled',
    labels: [],
    missing: false,
    format: 'jpeg',
  }))
}

/**
 * A catalogue of images served page by page, as listImages does. Each request is answered when the test lets it go
 * (answer / fail), so what is in flight at any moment can be looked at; `requests` lists them all, in order.
 */
class Catalogue {
  readonly requests: { offset: number; limit: number }[] = []
  private readonly waiting: { offset: number; limit: number; settle(page: ImagePage | Error): void }[] = []

  constructor(private images: ImageSummary[]) {}

  readonly fetchPage = (offset: number, limit: number): Promise<ImagePage> => {
    this.requests.push({ offset, limit })
    return new Promise((resolve, reject) => {
      this.waiting.push({ offset, limit, settle: (reply) => (reply instanceof Error ? reject(reply) : resolve(reply)) })
    })
  }

  get pending(): number[] {
    return this.waiting.map((request) => request.offset)
  }

  /** Answers the oldest request still waiting (or the one for `offset`). */
  answer(offset = this.waiting[0]?.offset): void {
    const at = this.waiting.findIndex((request) => request.offset === offset)
    if (at < 0) throw new Error(`no request for offset ${offset} is waiting`)
    const [request] = this.waiting.splice(at, 1)
    request!.settle({ total: this.images.length, offset: request!.offset, items: this.images.slice(request!.offset, request!.offset + request!.limit) })
  }

  answerAll(): void {
    while (this.waiting.length > 0) this.answer()
  }

  fail(offset = this.waiting[0]?.offset): void {
    const at = this.waiting.findIndex((request) => request.offset === offset)
    const [request] = this.waiting.splice(at, 1)
    request!.settle(new Error('the services are gone'))
  }

  replaceImages(images: ImageSummary[]): void {
    this.images = images
  }
}

/** Resolves once `condition` holds: checked now, and each time the cache changes. */
function until(cache: ImagePageCache, condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (condition()) return resolve()
    const stop = cache.subscribe(() => {
      if (!condition()) return
      stop()
      resolve()
    })
  })
}

function cacheOver(catalogue: Catalogue, errors: unknown[] = [], fallback: ImagePageCache | null = null): ImagePageCache {
  return new ImagePageCache(catalogue.fetchPage, (error) => errors.push(error), fallback)
}

describe('ImagePageCache', () => {
  it('learns the total and the first page from its first request', async () => {
    const catalogue = new Catalogue(summaries(1000))
    const cache = cacheOver(catalogue)
    expect(cache.total).toBeNull()
    cache.start()
    expect(catalogue.requests).toEqual([{ offset: 0, limit: PAGE }])
    catalogue.answer()
    await until(cache, () => cache.total !== null)
    expect(cache.total).toBe(1000)
    expect(cache.item(0)?.id).toBe(1)
    expect(cache.item(PAGE - 1)?.id).toBe(PAGE)
    expect(cache.item(PAGE)).toBeUndefined()
  })

  it('loads the pages the grid shows, at most three at a time, and only those still shown when one finishes', async () => {
    const catalogue = new Catalogue(summaries(5000))
    const cache = cacheOver(catalogue)
    cache.show(0, 5 * PAGE - 1)
    expect(catalogue.pending).toEqual([0, PAGE, 2 * PAGE])
    // The grid scrolls far away: pages over there are what is wanted next, not the ones flown over.
    cache.show(20 * PAGE, 20 * PAGE + 10)
    catalogue.answer(0)
    await until(cache, () => cache.item(0) !== undefined)
    expect(catalogue.pending).toEqual([PAGE, 2 * PAGE, 20 * PAGE])
    catalogue.answerAll()
    await until(cache, () => cache.item(20 * PAGE) !== undefined)
    expect(catalogue.requests.map((request) => request.offset)).toEqual([0, PAGE, 2 * PAGE, 20 * PAGE])
  })

  it('fetches a whole range in requests of up to five pages, and asks for no page twice', async () => {
    const catalogue = new Catalogue(summaries(3000))
    const cache = cacheOver(catalogue)
    cache.start()
    const range = cache.range(0, 2999)
    // Page 0 is already on its way; the other fourteen go five to a request.
    expect(catalogue.requests).toEqual([
      { offset: 0, limit: PAGE },
      { offset: PAGE, limit: 5 * PAGE },
      { offset: 6 * PAGE, limit: 5 * PAGE },
      { offset: 11 * PAGE, limit: 4 * PAGE },
    ])
    catalogue.answerAll()
    const items = await range
    expect(items.map((item) => item.id)).toEqual(summaries(3000).map((item) => item.id))
    expect(cache.item(2999)?.id).toBe(3000)
  })

  it('reports a page that fails, leaves its items out of a range, and loads it again on retry', async () => {
    const catalogue = new Catalogue(summaries(300))
    const errors: unknown[] = []
    const cache = cacheOver(catalogue, errors)
    cache.start()
    catalogue.fail()
    await until(cache, () => cache.failedToStart)
    expect(errors).toHaveLength(1)
    cache.retry()
    catalogue.answer()
    await until(cache, () => cache.total === 300)
    expect(cache.failedToStart).toBe(false)

    const range = cache.range(100, 299)
    catalogue.fail()
    expect((await range).map((item) => item.id)).toEqual(summaries(100, 101).map((item) => item.id))
    expect(errors).toHaveLength(2)
  })

  it('keeps showing the cache it replaces until its own pages arrive', async () => {
    const catalogue = new Catalogue(summaries(400))
    const before = cacheOver(catalogue)
    before.show(PAGE, PAGE + 10)
    catalogue.answerAll()
    await until(before, () => before.item(PAGE) !== undefined)

    // The catalogue changed: a new cache starts where the grid was, and meanwhile answers from the old one.
    catalogue.replaceImages(summaries(401, 1001))
    const after = cacheOver(catalogue, [], before)
    after.show(PAGE, PAGE + 10)
    after.start()
    expect(after.total).toBe(400)
    expect(after.item(PAGE)?.id).toBe(PAGE + 1)
    catalogue.answerAll()
    await until(after, () => after.total === 401)
    expect(after.item(PAGE)?.id).toBe(1001 + PAGE)
    // Page 0 was never loaded again, and the old cache is no longer asked for it.
    expect(after.item(0)).toBeUndefined()
  })

  it('takes no notice of replies that land after it was disposed', async () => {
    const catalogue = new Catalogue(summaries(10))
    const cache = cacheOver(catalogue)
    let changes = 0
    cache.subscribe(() => changes++)
    cache.start()
    cache.dispose()
    catalogue.answer()
    // A range asked for afterwards is answered by the same request already in flight, once it settles.
    await cache.range(0, 9)
    expect(changes).toBe(0)
    expect(cache.total).toBeNull()
  })
})
