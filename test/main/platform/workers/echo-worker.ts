import { threadId } from 'node:worker_threads'
import { serveRequests, Transferring } from '../../../../src/main/platform/workers/serve'

/** A worker for the pool's tests: answers, fails, holds on, and crashes on request. */
export type EchoMethods = {
  echo: { args: { text: string }; result: { text: string; threadId: number } }
  /** A buffer of `length` bytes, moved to the caller. */
  fill: { args: { length: number; value: number }; result: Uint8Array }
  fail: { args: { reason: string }; result: never }
  /** Answers once `ms` have passed, with the thread that answered. */
  hold: { args: { ms: number }; result: number }
  /** Sends 1…to as progress messages, then answers with how many it sent. */
  count: { args: { to: number }; result: number; progress: number }
  exit: { args: { code: number }; result: never }
}

class ReasonedError extends Error {
  readonly code = 'E_REASONED'
  constructor(readonly reason: string) {
    super(`failed: ${reason}`)
    this.name = 'ReasonedError'
  }
}

serveRequests<EchoMethods>({
  echo: async ({ text }) => ({ text, threadId }),
  fill: async ({ length, value }) => {
    const bytes = new Uint8Array(length).fill(value)
    return new Transferring(bytes, [bytes.buffer])
  },
  fail: async ({ reason }) => {
    throw new ReasonedError(reason)
  },
  hold: ({ ms }) => new Promise((resolve) => setTimeout(() => resolve(threadId), ms)),
  exit: async ({ code }) => process.exit(code),
  count: async ({ to }, progress) => {
    for (let step = 1; step <= to; step++) progress(step)
    return to
  },
})
