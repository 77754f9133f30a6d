import { WorkerClient, workerEntry } from '../../platform/workers'
import type { Layout, VectorRows } from './layout'
import type { MapWorkerMethods } from './worker-protocol'

/** Thrown when a map computation was cancelled through its signal. */
export class MapCancelled extends Error {
  override readonly name = 'MapCancelled'
  constructor() {
    super('The map computation was cancelled.')
  }
}

export interface MapWorkOptions {
  signal?: AbortSignal
  onProgress?: (fraction: number) => void
}

/** Lays the vectors out in a worker of its own (see layOut); their buffer is transferred, so `vectors` is emptied. */
export function layOutInWorker(vectors: VectorRows, settings: { seed: number; sampleSize: number }, options: MapWorkOptions = {}): Promise<Layout> {
  return inOwnWorker(options.signal, (worker) =>
    worker.call('layOut', { vectors, ...settings }, [vectors.rows.buffer as ArrayBuffer], (fraction) => options.onProgress?.(fraction)),
  )
}

/** Places new points among a layout's anchors in a worker of its own (see placeAmong); the buffers are transferred. */
export function placeInWorker(anchors: VectorRows & { coords: Float32Array }, added: VectorRows, options: MapWorkOptions = {}): Promise<Float32Array> {
  const buffers = [anchors.rows.buffer, anchors.coords.buffer, added.rows.buffer] as ArrayBuffer[]
  return inOwnWorker(options.signal, (worker) => worker.call('place', { anchors, added }, buffers))
}

/**
 * One worker per computation: UMAP's loop never yields, so cancelling ends the worker rather than asking it to stop,
 * and a layout's memory (the neighbour graph of up to 20k points) goes with it.
 */
async function inOwnWorker<T>(signal: AbortSignal | undefined, work: (worker: WorkerClient<MapWorkerMethods>) => Promise<T>): Promise<T> {
  signal?.throwIfAborted()
  const worker = new WorkerClient<MapWorkerMethods>({
    entry: workerEntry({ from: import.meta.url, source: './map-worker.ts', built: 'map-worker.js' }),
    name: 'loupe-map',
    stopped: (why) => (signal?.aborted ? new MapCancelled() : new Error(`The map worker stopped: ${why}.`)),
  })
  const cancel = () => void worker.terminate()
  signal?.addEventListener('abort', cancel, { once: true })
  try {
    return await work(worker)
  } finally {
    signal?.removeEventListener('abort', cancel)
    await worker.close()
  }
}
