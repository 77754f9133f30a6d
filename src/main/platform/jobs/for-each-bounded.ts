/**
 * Runs `work` over the items with at most `limit` in flight. Once `signal` aborts no new item starts, and it resolves
 * after the ones already started have finished, so their results can still be saved.
 */
export async function forEachBounded<T>(
  items: Iterable<T>,
  limit: number,
  signal: AbortSignal,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]()
  let failure: unknown = null
  const lane = async () => {
    for (;;) {
      if (signal.aborted || failure !== null) return
      const next = iterator.next()
      if (next.done) return
      try {
        await work(next.value)
      } catch (error) {
        failure ??= error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane))
  if (failure !== null) throw failure
}
