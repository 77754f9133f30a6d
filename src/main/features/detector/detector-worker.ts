import { ApiError } from '../../../shared/api/errors'
import { DetectionWorker } from '../../engines/detection/worker-client'

/**
 * The workspace's detection worker (training heads, running them), started on first use and kept until the
 * workspace closes, so a suggestion on one image costs a pass, not a worker start.
 */
export class DetectorWorker {
  private worker: Promise<DetectionWorker> | null = null
  private closed = false

  /** The running worker, starting it if needed; a failed start is not remembered, so the next call tries again. */
  start(): Promise<DetectionWorker> {
    if (this.closed) return Promise.reject(new ApiError('conflict', 'The workspace is closing.'))
    this.worker ??= DetectionWorker.start()
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
