import { Worker, type TransferListItem } from 'node:worker_threads'
import type { WorkerEntry } from './entry'
import type { MethodMap, ProgressOf, ReplyMessage, RequestMessage, SerializedError, WorkerMessage } from './protocol'

export interface WorkerClientOptions {
  entry: WorkerEntry
  /** The thread's name, as debuggers and profilers show it. */
  name: string
  /** Turns an error thrown in the worker back into the caller's own error class. Default: an Error with its message. */
  revive?: (error: SerializedError) => Error
  /** The error calls get once the worker has crashed, exited or been closed (`why` says which). */
  stopped: (why: string) => Error
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; onProgress?: (update: unknown) => void }

/**
 * One worker thread answering typed calls: `call('render', args)` resolves with the worker's reply to that request, or
 * rejects with its error, revived; `onProgress` hears the method's progress messages before that. While no call is in
 * flight the worker does not keep the process alive, so a CLI run ends by itself; a crash rejects every call in
 * flight, and later ones, with `stopped`.
 */
export class WorkerClient<M extends MethodMap> {
  private readonly worker: Worker
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private failure: Error | null = null
  private closing: Promise<void> | null = null
  private drained: (() => void) | null = null

  constructor(private readonly options: WorkerClientOptions) {
    const { entry, name } = options
    this.worker = new Worker(entry.file, { ...(entry.workerData ? { workerData: entry.workerData } : {}), name })
    this.worker.unref()
    this.worker.on('message', (message: WorkerMessage) => {
      if ('ok' in message) this.settle(message)
      else this.pending.get(message.id)?.onProgress?.(message.progress)
    })
    this.worker.on('error', (error) => this.fail(options.stopped(`it crashed: ${error.message}`)))
    this.worker.on('exit', (code) => this.fail(options.stopped(`it exited with code ${code}`)))
  }

  /** Calls in flight. */
  get busy(): number {
    return this.pending.size
  }

  /** False once the worker has crashed, exited or is closing: it takes no more calls. */
  get usable(): boolean {
    return this.failure === null && this.closing === null
  }

  call<K extends keyof M & string>(
    method: K,
    args: M[K]['args'],
    transfer: readonly TransferListItem[] = [],
    onProgress?: (update: ProgressOf<M[K]>) => void,
  ): Promise<M[K]['result']> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.closing) return Promise.reject(this.options.stopped('it was closed'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref()
      const progress = onProgress as ((update: unknown) => void) | undefined
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, ...(progress ? { onProgress: progress } : {}) })
      try {
        this.worker.postMessage({ id, method, args } satisfies RequestMessage, transfer)
      } catch (error) {
        this.forget(id)
        reject(error as Error)
      }
    })
  }

  /** Lets the calls in flight finish, then ends the worker. Closing twice is harmless. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.pending.size > 0) await new Promise<void>((resolve) => (this.drained = resolve))
      await this.terminate()
    })()
    return this.closing
  }

  /** Ends the worker now; calls in flight are rejected. */
  async terminate(): Promise<void> {
    this.fail(this.options.stopped('it was closed'))
    await this.worker.terminate()
  }

  private settle(reply: ReplyMessage): void {
    const pending = this.pending.get(reply.id)
    if (!pending) return
    this.forget(reply.id)
    if (reply.ok) pending.resolve(reply.value)
    else pending.reject(this.options.revive?.(reply.error) ?? plainError(reply.error))
  }

  private forget(id: number): void {
    this.pending.delete(id)
    if (this.pending.size > 0) return
    this.worker.unref()
    this.drained?.()
  }

  private fail(error: Error): void {
    this.failure ??= error
    const pending = [...this.pending.values()]
    this.pending.clear()
    for (const call of pending) call.reject(this.failure)
    this.drained?.()
  }
}

function plainError(error: SerializedError): Error {
  const revived = new Error(error.message)
  revived.name = error.name
  if (error.stack) revived.stack = `${error.stack}\n    (in a worker thread)`
  return revived
}
