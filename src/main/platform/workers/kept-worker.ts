import { ApiError } from '../../../shared/api/errors'

/**
 * A workspace's worker, started on first use and kept until the workspace closes, so that each call costs its own work
 * and not a worker start. A failed start is not remembered: the next call tries again.
 */
export class KeptWorker<Worker extends { close(): Promise<void> }> {
  private worker: Promise<Worker> | null = null
  private closed = false

  constructor(private readonly launch: () => Promise<Worker>) {}

  /** The running worker, starting it if needed. */
  start(): Promise<Worker> {
    if (this.closed) return Promise.reject(new ApiError('conflict', 'The workspace is closing.'))
    this.worker ??= this.launch()
    return this.worker.catch((error: unknown) => {
      this.worker = null
      throw error
    })
  }

  async close(): Promise<void> {
    this.closed = true
    const worker = this.worker
    this.worker = null
    if (worker) await (await worker.catch(() => null))?.close()
  }
}
