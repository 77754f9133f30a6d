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
 * The calling thread's handle on the anomaly worker (anomaly-worker.ts), one per process, started on first use and
 * ended after IDLE_MS with no call in flight and no fit open. It remembers which banks the worker holds, in the order
 * calls are made (the worker answers in that order), so each bank is sent once however many batches are scored with it.
 */
export class AnomalyWorker {
  private static instance: AnomalyWorker | undefined
  private client: WorkerClient<AnomalyWorkerMethods> | null = null
  /** The banks the worker holds, by id, with how each is searched. */
  private readonly loadedBanks = new Map<number, BankSearch>()
  private openFits = 0
  private idleTimer: NodeJS.Timeout | null = null
  private nextFit = 1
  private nextBank = 1
  private readonly bankIds = new WeakMap<Float32Array, number>()

  static shared(): AnomalyWorker {
    return (AnomalyWorker.instance ??= new AnomalyWorker())
  }

  /** Begins a fit of `count` good pictures: its id and their seeded order. The fit is open until endFit. */
  async beginFit(seed: number, count: number): Promise<{ fit: number; order: Int32Array }> {
    const fit = this.nextFit++
    this.openFits++
    try {
      return { fit, order: await this.call('beginFit', { fit, seed, count }) }
    } catch (error) {
      await this.endFit(fit)
      throw error
    }
  }

  /** The bank's share of a batch of good pictures; the maps' buffers are transferred (the maps are empty afterwards). */
  fitBatch(fit: number, maps: FeatureMap[], images: number, bankedImages: number, settings: BatchSettings): Promise<BatchCoreset> {
    return this.call('fitBatch', { fit, maps, images, bankedImages, settings }, buffersOf(maps))
  }

  async endFit(fit: number): Promise<void> {
    this.openFits--
    if (this.client?.usable) await this.call('endFit', { fit })
    else this.endWhenIdle()
  }

  /**
   * Scores a batch against a model's banks (one per member, with its maps of the batch), sending each bank first unless
   * the worker holds it already; the maps are transferred.
   */
  async scoreBatch(
    banks: ReadonlyArray<{ rows: Float32Array; dimension: number; search: BankSearch; spread: number }>,
    maps: FeatureMap[][],
    pictures: Array<{ width: number; height: number }>,
    input: { width: number; height: number },
    threshold: number,
    settings: BatchSettings,
    withMaps = false,
  ): Promise<PictureScore[]> {
    const ids = banks.map((bank) => this.idOf(bank.rows))
    this.worker()
    // All calls are made before any is awaited, so no other call can come between the loads and the scoring.
    for (const id of this.loadedBanks.keys()) if (!ids.includes(id)) this.loadedBanks.delete(id)
    const loading = banks.flatMap((bank, index) => {
      const id = ids[index]!
      if (this.loadedBanks.get(id) === bank.search) return []
      this.loadedBanks.set(id, bank.search)
      return [this.call('loadBank', { bank: id, rows: bank.rows, dimension: bank.dimension, search: bank.search, keep: ids })]
    })
    const members = banks.map((bank, index) => ({ bank: ids[index]!, maps: maps[index]!, spread: bank.spread }))
    const scoring = this.call('scoreBatch', { members, pictures, input, threshold, settings, withMaps }, buffersOf(maps.flat()))
    try {
      await Promise.all(loading)
    } catch (error) {
      this.loadedBanks.clear()
      await scoring.catch(() => undefined)
      throw error
    }
    return scoring
  }

  private call<K extends keyof AnomalyWorkerMethods & string>(
    method: K,
    args: AnomalyWorkerMethods[K]['args'],
    transfer: readonly TransferListItem[] = [],
  ): Promise<AnomalyWorkerMethods[K]['result']> {
    return this.worker()
      .call(method, args, transfer)
      .finally(() => this.endWhenIdle())
  }

  private worker(): WorkerClient<AnomalyWorkerMethods> {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    if (this.client?.usable) return this.client
    this.loadedBanks.clear()
    this.client = new WorkerClient<AnomalyWorkerMethods>({
      entry: workerEntry({ from: import.meta.url, source: './anomaly-worker.ts', built: 'anomaly-worker.js' }),
      name: 'loupe-anomaly',
      revive: (error) => reviveWorkerError(error, 'anomaly'),
      stopped: (why) => new EngineError(`The anomaly worker stopped: ${why}.`),
    })
    return this.client
  }

  /** Ends the worker, with its bank and graph, after IDLE_MS unless a call or a fit comes first. */
  private endWhenIdle(): void {
    if (this.openFits > 0 || (this.client?.busy ?? 0) > 0 || this.idleTimer) return
    this.idleTimer = setTimeout(() => {
      const client = this.client
      this.client = null
      this.loadedBanks.clear()
      this.idleTimer = null
      void client?.close()
    }, IDLE_MS)
    this.idleTimer.unref()
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
