import { describe, expect, it } from 'vitest'
import { OneAtATime } from '../../../src/renderer/src/annotate/OneAtATime'

/** Requests the test settles by hand, in the order it chooses. */
function requests() {
  const started: number[] = []
  const settle = new Map<number, (value: string) => void>()
  const done: Array<[number, string]> = []
  const queue = new OneAtATime<number, string>(
    (key) => {
      started.push(key)
      return new Promise((resolve) => settle.set(key, resolve))
    },
    (key, value) => done.push([key, value]),
  )
  return { queue, started, done, settle: (key: number) => settle.get(key)!(`map ${key}`) }
}

/** Lets the settled request's handlers and the next request's start run. */
const settled = () => new Promise((resolve) => setImmediate(resolve))

describe('one heat map request at a time', () => {
  it('stepping through images while one is asked for asks next only for the last one stepped to', async () => {
    const { queue, started, done, settle } = requests()
    queue.ask(1)
    queue.ask(2)
    queue.ask(3)
    expect(started).toEqual([1])
    settle(1)
    await settled()
    // Image 1's map is kept for coming back; 2 was passed by and never asked for.
    expect(done).toEqual([[1, 'map 1']])
    expect(started).toEqual([1, 3])
    settle(3)
    await settled()
    expect(done).toEqual([
      [1, 'map 1'],
      [3, 'map 3'],
    ])
  })

  it('coming back to the image being asked for asks nothing more', async () => {
    const { queue, started, settle } = requests()
    queue.ask(1)
    queue.ask(2)
    queue.ask(1)
    settle(1)
    await settled()
    expect(started).toEqual([1])
  })

  it('drops a reply asked for before the models changed', async () => {
    const { queue, started, done, settle } = requests()
    queue.ask(1)
    queue.ask(2)
    queue.forget()
    settle(1)
    await settled()
    expect(done).toEqual([])
    expect(started).toEqual([1])
    queue.ask(1)
    settle(1)
    await settled()
    expect(done).toEqual([[1, 'map 1']])
  })
})
