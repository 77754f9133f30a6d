import { ApiError } from '../../../shared/api/errors'
import { TrainingWorker } from '../../engines/learning/worker-client'

/**
 * The workspace's training worker (training, classifier predictions, checking imported models), started on first use
 * and kept until the workspace closes. The object detector has a worker of its own (DetectorWorker).
 */
export class ClassifierWorker {
  private worker: Promise<TrainingWorker> | null = null
  private closed = false

  /** The running worker, starting it if needed; a failed start is not remembered, so the next call tries again. */
  start(): Promise<TrainingWorker> {
    if (this.closed) return Promise.reject(new ApiError('conflict', 'The workspace is closing.'))
    this.worker ??= TrainingWorker.start()
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
