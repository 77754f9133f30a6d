import { WorkerClient, workerEntry, type MethodMap } from '../../platform/workers'
import { backendsFromEnvironment } from './backend-choice'
import type { BackendInfo, BackendName } from './backend-types'
import { EngineError, reviveWorkerError } from './errors'

/** A TensorFlow.js worker's methods: `init` selects its backend, first of `backends` that starts. */
type BackendWorkerMethods = MethodMap & { init: { args: { backends?: readonly BackendName[] }; result: BackendInfo } }

/**
 * Spawns a TensorFlow.js worker (`source` from TypeScript, `built` from the bundle, relative to `from`) and has it
 * select a backend, in the LOUPE_BACKEND order unless `backends` is given. `kind` names it in errors: "the training
 * worker". A worker whose backend fails to start is ended.
 */
export async function startBackendWorker<M extends BackendWorkerMethods>(options: {
  from: string
  source: string
  built: string
  kind: string
  backends?: readonly BackendName[] | undefined
}): Promise<{ client: WorkerClient<M>; backend: BackendInfo }> {
  const { from, source, built, kind } = options
  const client = new WorkerClient<M>({
    entry: workerEntry({ from, source, built }),
    name: `loupe-${kind}`,
    revive: (error) => reviveWorkerError(error, kind),
    stopped: (why) => new EngineError(`The ${kind} worker stopped: ${why}.`),
  })
  try {
    const backend = await client.call('init', { backends: options.backends ?? backendsFromEnvironment() })
    return { client, backend }
  } catch (error) {
    await client.terminate()
    throw error
  }
}

/**
 * Runs `work` with a flag shared with the worker, raised when `signal` aborts (or already has): the worker's training
 * loop reads it between batches and stops, keeping its best weights so far.
 */
export async function withCancelFlag<T>(signal: AbortSignal | undefined, work: (cancel: SharedArrayBuffer) => Promise<T>): Promise<T> {
  const cancel = new SharedArrayBuffer(4)
  const flag = new Int32Array(cancel)
  const stop = () => Atomics.store(flag, 0, 1)
  if (signal?.aborted) stop()
  signal?.addEventListener('abort', stop, { once: true })
  try {
    return await work(cancel)
  } finally {
    signal?.removeEventListener('abort', stop)
  }
}
