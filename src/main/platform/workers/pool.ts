import type { TransferListItem } from 'node:worker_threads'
import { WorkerClient, type WorkerClientOptions } from './client'
import type { WorkerEntry } from './entry'
import type { MethodMap } from './protocol'

export interface WorkerPoolOptions extends Omit<WorkerClientOptions, 'entry'> {
  /** Found when the first worker starts, so that a missing build file is reported as a failed call, not at import. */
  entry: () => WorkerEntry
  /** At most this many workers. */
  size: number
  /** Workers left idle this long are ended (and started again by the next call). */
  idleMs: number
}

/**
 * A small, bounded set of identical workers, started on first use: each call goes to the least busy worker, or to a
 * new one while there are fewer than `size`. A worker that crashed is replaced by the next call. Idle workers keep
 * neither the process alive nor, after `idleMs`, their memory.
 */
export class WorkerPool<M extends MethodMap> {
  private clients: WorkerClient<M>[] = []
  private idleTimer: NodeJS.Timeout | null = null

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(`a worker pool needs at least one worker, not ${options.size}`)
    }
  }

  /** Workers running now. */
  get workers(): number {
    return this.clients.filter((client) => client.usable).length
  }

  async call<K extends keyof M & string>(
    method: K,
    args: M[K]['args'],
    transfer: readonly TransferListItem[] = [],
  ): Promise<M[K]['result']> {
    this.cancelIdleTimer()
    let client: WorkerClient<M>
    try {
      client = this.pick()
    } catch (error) {
      throw this.options.stopped(`it could not start: ${(error as Error).message}`)
    }
    try {
      return await client.call(method, args, transfer)
    } finally {
      if (this.clients.every((each) => each.busy === 0)) this.startIdleTimer()
    }
  }

  /** Lets the calls in flight finish, then ends every worker; a later call starts new ones. */
  async close(): Promise<void> {
    this.cancelIdleTimer()
    const closing = this.clients
    this.clients = []
    await Promise.all(closing.map((client) => client.close()))
  }

  private pick(): WorkerClient<M> {
    this.clients = this.clients.filter((client) => client.usable)
    const leastBusy = this.clients.reduce<WorkerClient<M> | null>(
      (best, client) => (!best || client.busy < best.busy ? client : best),
      null,
    )
    if (leastBusy && (leastBusy.busy === 0 || this.clients.length >= this.options.size)) return leastBusy
    const { entry, idleMs: _idleMs, size: _size, ...rest } = this.options
    const client = new WorkerClient<M>({ ...rest, entry: entry() })
    this.clients.push(client)
    return client
  }

  private startIdleTimer(): void {
    this.cancelIdleTimer()
    this.idleTimer = setTimeout(() => void this.close(), this.options.idleMs)
    this.idleTimer.unref()
  }

  private cancelIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }
}
