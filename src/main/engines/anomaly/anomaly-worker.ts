import { serveRequests, Transferring } from '../../platform/workers'
import { Random } from '../learning/random'
import { batchCoreset, batchScores } from './batch-work'
import { MemoryBank } from './memory-bank'
import type { AnomalyWorkerMethods } from './worker-protocol'

/**
 * The anomaly worker (worker_threads): PatchCore's per-batch arithmetic — patch features, coreset, nearest-patch
 * search, anomaly maps — runs here, so the thread that serves requests only passes buffers between this worker and the
 * inference worker. It keeps the seeded generator of each fit in progress and one loaded memory bank (with its HNSW
 * graph), so a bank crosses threads once per model, not once per batch. Built as its own entry by electron-vite
 * (out/main/anomaly-worker.js) and by the CLI's build; under tsx/vitest it is started through the workers' bootstrap.
 */

const fits = new Map<number, Random>()
let loaded: { id: number; bank: MemoryBank } | null = null

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
  async loadBank({ bank, rows, dimension, search }) {
    // The previous bank and its graph go first: two large banks need not be held at once.
    loaded = null
    loaded = { id: bank, bank: new MemoryBank(rows, dimension, search) }
    return loaded.bank.search
  },
  async scoreBatch({ bank, maps, pictures, input, threshold, settings, withMaps }) {
    if (loaded?.id !== bank) throw new Error(`bank ${bank} is not the one loaded in this anomaly worker`)
    return batchScores(loaded.bank, maps, pictures, input, threshold, settings, withMaps)
  },
})
