import type { TransferListItem } from 'node:worker_threads'
import { WorkerClient, workerEntry } from '../../platform/workers'
import type { FeatureMap } from '../ml'
import { EngineError, reviveWorkerError } from '../ml/errors'
import type { BatchCoreset, BatchSettings, PictureScore } from './batch-work'
import type { BankSearch } from './memory-bank'
import type { AnomalyWorkerMethods } from './worker-protocol'

/** An idle anomaly worker is ended after this long, and its bank and graph with it; starting one again is cheap. */
const IDLE_MS = 60_000

/**
 * The calling thread's handle on the anomaly worker (anomaly-worker.ts), one per process, started on first use. Fits
 * and scorings hold it while they run; once none does, it is ended after IDLE_MS. It remembers which bank the worker
 * holds, in the order calls are made (the worker answers in that order), so each bank is sent once however many
 * batches are scored with it.
 */
export class AnomalyWorker {
  private static instance: AnomalyWorker | undefined
  private client: WorkerClient<AnomalyWorkerMethods> | null = null
  private loadedBank: { id: number; search: BankSearch } | null = null
  private holders = 0
  private idleTimer: NodeJS.Timeout | null = null
  private nextFit = 1
  private nextBank = 1
  private readonly bankIds = new WeakMap<Float32Array, number>()

  static shared(): AnomalyWorker {
    return (AnomalyWorker.instance ??= new AnomalyWorker())
  }

  /** Runs `work`, keeping the worker (and the bank it holds) up until it is done. */
  async holding<T>(work: () => Promise<T>): Promise<T> {
    this.holders++
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    try {
      return await work()
    } finally {
      if (--this.holders === 0) {
        this.idleTimer = setTimeout(() => this.end(), IDLE_MS)
        this.idleTimer.unref()
      }
    }
  }

  /** Begins a fit of `count` good pictures: its id and their seeded order. */
  async beginFit(seed: number, count: number): Promise<{ fit: number; order: Int32Array }> {
    const fit = this.nextFit++
    return { fit, order: await this.worker().call('beginFit', { fit, seed, count }) }
  }

  /** The bank's share of a batch of good pictures; the maps' buffers are transferred (the maps are empty afterwards). */
  fitBatch(fit: number, maps: FeatureMap[], images: number, bankedImages: number, settings: BatchSettings): Promise<BatchCoreset> {
    return this.worker().call('fitBatch', { fit, maps, images, bankedImages, settings }, buffersOf(maps))
  }

  async endFit(fit: number): Promise<void> {
    if (this.client?.usable) await this.client.call('endFit', { fit })
  }

  /** Scores a batch against `bank`, sending the bank first unless the worker holds it already; the maps are transferred. */
  async scoreBatch(
    bank: { rows: Float32Array; dimension: number; search: BankSearch },
    maps: FeatureMap[],
    pictures: Array<{ width: number; height: number }>,
    input: { width: number; height: number },
    threshold: number,
    settings: BatchSettings,
  ): Promise<PictureScore[]> {
    const worker = this.worker()
    const id = this.idOf(bank.rows)
    // Both calls are made before either is awaited, so no other call can come between the load and the scoring.
    const loading =
      this.loadedBank?.id === id && this.loadedBank.search === bank.search
        ? null
        : worker.call('loadBank', { bank: id, rows: bank.rows, dimension: bank.dimension, search: bank.search })
    this.loadedBank = { id, search: bank.search }
    const scoring = worker.call('scoreBatch', { bank: id, maps, pictures, input, threshold, settings }, buffersOf(maps))
    try {
      await loading
    } catch (error) {
      this.loadedBank = null
      await scoring.catch(() => undefined)
      throw error
    }
    return scoring
  }

  private worker(): WorkerClient<AnomalyWorkerMethods> {
    if (this.client?.usable) return this.client
    this.loadedBank = null
    this.client = new WorkerClient<AnomalyWorkerMethods>({
      entry: workerEntry({ from: import.meta.url, source: './anomaly-worker.ts', built: 'anomaly-worker.js' }),
      name: 'loupe-anomaly',
      revive: (error) => reviveWorkerError(error, 'anomaly'),
      stopped: (why) => new EngineError(`The anomaly worker stopped: ${why}.`),
    })
    return this.client
  }

  private end(): void {
    const client = this.client
    this.client = null
    this.loadedBank = null
    void client?.close()
  }

  private idOf(rows: Float32Array): number {
    let id = this.bankIds.get(rows)
    if (id === undefined) this.bankIds.set(rows, (id = this.nextBank++))
    return id
  }
}

/** The maps' buffers, each once (a backend may hand out one buffer for two maps that alias). */
function buffersOf(maps: readonly FeatureMap[]): TransferListItem[] {
  return [...new Set(maps.map((map) => map.data.buffer as ArrayBuffer))]
}
