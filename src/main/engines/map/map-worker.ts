import { serveRequests, Transferring } from '../../platform/workers'
import { layOut } from './layout'
import { placeAmong } from './placement'
import type { MapWorkerMethods } from './worker-protocol'

/**
 * The map worker (worker_threads): UMAP's layout and the placement of new points, off the thread that serves requests.
 * Built as its own entry by electron-vite (out/main/map-worker.js) and by the CLI's build.
 */
serveRequests<MapWorkerMethods>({
  async layOut({ vectors, seed, sampleSize }, progress) {
    const layout = layOut(vectors, { seed, sampleSize, onProgress: progress })
    return new Transferring(layout, [layout.coords.buffer as ArrayBuffer, layout.anchors.buffer as ArrayBuffer])
  },
  async place({ anchors, added }) {
    const placed = placeAmong(anchors, added)
    return new Transferring(placed, [placed.buffer as ArrayBuffer])
  },
})
