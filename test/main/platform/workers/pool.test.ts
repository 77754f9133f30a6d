import { afterEach, describe, expect, it, vi } from 'vitest'
import { WorkerClient, workerEntry, WorkerPool, type SerializedError } from '../../../../src/main/platform/workers'
import type { EchoMethods } from './echo-worker'

class StoppedError extends Error {}
class RevivedError extends Error {
  constructor(readonly data: SerializedError) {
    super(data.message)
  }
}

const entry = () => workerEntry({ from: import.meta.url, source: './echo-worker.ts', built: 'echo-worker.js' })
const options = { name: 'loupe-test-echo', stopped: (why: string) => new StoppedError(why) }

const pools: WorkerPool<EchoMethods>[] = []
function pool(size: number, idleMs = 60_000): WorkerPool<EchoMethods> {
  const made = new WorkerPool<EchoMethods>({ ...options, entry, size, idleMs, revive: (error) => new RevivedError(error) })
  pools.push(made)
  return made
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((each) => each.close()))
})

describe('WorkerClient', () => {
  it('answers typed calls, moves transferred buffers, and revives errors with their fields', async () => {
    const client = new WorkerClient<EchoMethods>({ ...options, entry: entry(), revive: (error) => new RevivedError(error) })
    try {
      expect((await client.call('echo', { text: 'hello' })).text).toBe('hello')
      const bytes = await client.call('fill', { length: 1000, value: 7 })
      expect([bytes.length, bytes[0], bytes[999]]).toEqual([1000, 7, 7])
      const error = await client.call('fail', { reason: 'no pixels' }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(RevivedError)
      expect((error as RevivedError).data).toMatchObject({
        name: 'ReasonedError',
        message: 'failed: no pixels',
        fields: { code: 'E_REASONED', reason: 'no pixels', name: 'ReasonedError' },
      })
      const unknown = await (client as unknown as WorkerClient<Record<string, { args: null; result: null }>>).call('nope', null).catch((e: unknown) => e)
      expect((unknown as Error).message).toBe('this worker has no method "nope"')
      expect(client.busy).toBe(0)
    } finally {
      await client.close()
    }
    await expect(client.call('echo', { text: 'late' })).rejects.toThrow(StoppedError)
  })

  it("delivers a call's progress messages, in order, before its reply", async () => {
    const client = new WorkerClient<EchoMethods>({ ...options, entry: entry() })
    try {
      const heard: number[] = []
      const sent = await client.call('count', { to: 5 }, [], (step) => heard.push(step))
      expect(sent).toBe(5)
      expect(heard).toEqual([1, 2, 3, 4, 5])
      expect(await client.call('count', { to: 2 })).toBe(2)
    } finally {
      await client.close()
    }
  })

  it('close lets calls in flight finish', async () => {
    const client = new WorkerClient<EchoMethods>({ ...options, entry: entry() })
    const held = client.call('hold', { ms: 50 })
    await client.close()
    await expect(held).resolves.toEqual(expect.any(Number))
  })
})

describe('WorkerPool', () => {
  it('starts no worker before the first call, and a second one only while the first is busy, up to its size', async () => {
    const two = pool(2)
    expect(two.workers).toBe(0)
    const first = await two.call('echo', { text: 'a' })
    const again = await two.call('echo', { text: 'b' })
    expect(again.threadId).toBe(first.threadId)
    expect(two.workers).toBe(1)
    const threads = await Promise.all([1, 2, 3, 4].map(() => two.call('hold', { ms: 30 })))
    expect(new Set(threads).size).toBe(2)
    expect(two.workers).toBe(2)

    const one = pool(1)
    const single = await Promise.all([1, 2, 3].map(() => one.call('hold', { ms: 10 })))
    expect(new Set(single).size).toBe(1)
  })

  it('rejects the calls of a worker that died with the stopped error, and replaces it on the next call', async () => {
    const one = pool(1)
    const before = (await one.call('echo', { text: 'a' })).threadId
    const died = await one.call('exit', { code: 3 }).catch((e: unknown) => e)
    expect(died).toBeInstanceOf(StoppedError)
    expect((died as Error).message).toBe('it exited with code 3')
    const after = await one.call('echo', { text: 'b' })
    expect(after.text).toBe('b')
    expect(after.threadId).not.toBe(before)
  })

  it('ends idle workers, and starts again on the next call', async () => {
    const idle = pool(1, 20)
    await idle.call('echo', { text: 'a' })
    await vi.waitFor(() => expect(idle.workers).toBe(0))
    expect((await idle.call('echo', { text: 'b' })).text).toBe('b')
  })

  it('reports a worker file that is not there as a stopped call', async () => {
    const missing = new WorkerPool<EchoMethods>({
      ...options,
      size: 1,
      idleMs: 1000,
      entry: () => workerEntry({ from: 'file:///nowhere/out/main/index.js', source: './echo-worker.ts', built: 'echo-worker.js' }),
    })
    const error = await missing.call('echo', { text: 'a' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoppedError)
    expect((error as Error).message).toBe(
      'it could not start: echo-worker.js is missing beside /nowhere/out/main/index.js: every bundle must have it as an entry (electron.vite.config.ts, scripts/build-cli.js)',
    )
  })
})
