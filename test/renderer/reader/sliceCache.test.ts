import { describe, expect, it } from 'vitest'
import { prefetchOrder, SliceCache } from '../../../src/renderer/src/reader/sliceCache'

describe('prefetchOrder', () => {
  it('puts the slice asked for first, then the ones ahead in the direction of travel, then a few behind', () => {
    expect(prefetchOrder(20, 10, 1, 3, 2)).toEqual([10, 11, 12, 13, 9, 8])
    expect(prefetchOrder(20, 10, -1, 3, 2)).toEqual([10, 9, 8, 7, 11, 12])
  })

  it('stops at the ends of the stack, or wraps around them for cine', () => {
    expect(prefetchOrder(5, 3, 1, 3, 1)).toEqual([3, 4, 2])
    expect(prefetchOrder(5, 3, 1, 3, 1, true)).toEqual([3, 4, 0, 1, 2])
    expect(prefetchOrder(1, 0, 1, 8, 2)).toEqual([0])
  })
})

/** Loads that answer only when the test lets them, in any order, so the cache's queue can be watched. */
class HeldLoads {
  readonly started: number[] = []
  private readonly pending = new Map<number, { resolve(value: string): void; reject(error: Error): void }>()

  load = (imageId: number): Promise<string> => {
    this.started.push(imageId)
    return new Promise((resolve, reject) => this.pending.set(imageId, { resolve, reject }))
  }

  get inFlight(): number[] {
    return [...this.pending.keys()]
  }

  async finish(imageId: number, failure?: string): Promise<void> {
    const load = this.pending.get(imageId)
    if (!load) throw new Error(`slice ${imageId} is not loading`)
    this.pending.delete(imageId)
    if (failure) load.reject(new Error(failure))
    else load.resolve(`slice ${imageId}`)
    // Lets the cache's handlers run.
    await Promise.resolve()
    await Promise.resolve()
  }
}

describe('SliceCache', () => {
  it('fetches in the order asked, a few at a time, and keeps what it loaded', async () => {
    const loads = new HeldLoads()
    const cache = new SliceCache(loads.load, { capacity: 10, inFlight: 2 })
    const heard: number[] = []
    cache.subscribe((imageId) => heard.push(imageId))
    cache.want([5, 6, 7, 8])
    expect(loads.started).toEqual([5, 6])
    await loads.finish(6)
    expect(loads.started).toEqual([5, 6, 7])
    await loads.finish(5)
    expect(loads.started).toEqual([5, 6, 7, 8])
    expect(heard).toEqual([6, 5])
    expect(cache.get(5)).toBe('slice 5')
    expect(cache.has(7)).toBe(false)
  })

  it('drops the queue when asked again, so slices scrolled past never come before the one needed now', async () => {
    const loads = new HeldLoads()
    const cache = new SliceCache(loads.load, { capacity: 10, inFlight: 1 })
    cache.want([1, 2, 3, 4])
    cache.want([9, 8])
    // 1 was already under way; 2, 3 and 4 are forgotten.
    await loads.finish(1)
    expect(loads.started).toEqual([1, 9])
    await loads.finish(9)
    expect(loads.started).toEqual([1, 9, 8])
    // Slices here or under way are not fetched twice.
    cache.want([9, 8, 1])
    expect(loads.started).toEqual([1, 9, 8])
    expect(cache.has(1)).toBe(true)
  })

  it('evicts the least recently used, counting a read as a use', async () => {
    const loads = new HeldLoads()
    const cache = new SliceCache(loads.load, { capacity: 2, inFlight: 3 })
    cache.want([1, 2])
    await loads.finish(1)
    await loads.finish(2)
    expect(cache.get(1)).toBe('slice 1')
    cache.want([3])
    await loads.finish(3)
    expect(cache.keys()).toEqual([1, 3])
  })

  it('reports a failure to its listeners and tries again when the slice is asked for again', async () => {
    const loads = new HeldLoads()
    const cache = new SliceCache(loads.load, { capacity: 4, inFlight: 2 })
    const outcomes: unknown[] = []
    cache.subscribe((imageId, outcome) => outcomes.push({ imageId, ...outcome }))
    cache.want([4])
    await loads.finish(4, 'The file is gone.')
    expect(outcomes).toEqual([{ imageId: 4, error: 'The file is gone.' }])
    expect(cache.has(4)).toBe(false)
    cache.want([4])
    expect(loads.started).toEqual([4, 4])
  })
})
