import { serveRequests, Transferring } from '../../platform/workers'
import { Random } from '../learning/random'
import { batchCoreset, batchScores } from './batch-work'
import { MemoryBank } from './memory-bank'
import type { AnomalyWorkerMethods } from './worker-protocol'

/**
 * The anomaly worker (worker_threads): PatchCore's per-batch arithmetic — patch features, coreset, nearest-patch
 * search, anomaly maps — runs here, so the thread that serves requests only passes buffers between this worker and the
 * inference worker. It keeps the seeded generator of each fit in progress and the loaded model's memory banks (with their
 * HNSW graphs), so a bank crosses threads once per model, not once per batch. Built as its own entry by electron-vite
 * (out/main/anomaly-worker.js) and by the CLI's build; under tsx/vitest it is started through the workers' bootstrap.
 */

const fits = new Map<number, Random>()
const loaded = new Map<number, MemoryBank>()

serveRequests<AnomalyWorkerMethods>({
  async beginFit({ fit, seed, count }) {
    const random = new Random(seed)
    const order = random.shuffle(Int32Array.from({ length: count }, (_, index) => index))
    fits.set(fit, random)
    return new Transferring(order, [order.buffer as ArrayBuffer])
  },
  async fitBatch({ fit, maps, images, bankedImages, settings }) {
    const random = fits.get(fit)
    if (!random) throw new Error(`fit ${fit} was not begun in this anomaly worker`)
    const coreset = batchCoreset(maps, images, bankedImages, settings, random)
    return new Transferring(coreset, [coreset.rows.buffer as ArrayBuffer])
  },
  async endFit({ fit }) {
    fits.delete(fit)
    return null
  },
  async loadBank({ bank, rows, dimension, search, keep }) {
    // Banks of other models go first: only one model's banks need be held at once.
    for (const id of loaded.keys()) if (!keep.includes(id)) loaded.delete(id)
    const memoryBank = new MemoryBank(rows, dimension, search)
    loaded.set(bank, memoryBank)
    return memoryBank.search
  },
  async scoreBatch({ members, pictures, input, threshold, settings, withMaps }) {
    const batches = members.map(({ bank, maps, spread }) => {
      const memoryBank = loaded.get(bank)
      if (!memoryBank) throw new Error(`bank ${bank} is not loaded in this anomaly worker`)
      return { bank: memoryBank, maps, spread }
    })
    return batchScores(batches, pictures, input, threshold, settings, withMaps)
  },
})
