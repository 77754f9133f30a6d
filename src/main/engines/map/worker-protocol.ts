import type { Layout, VectorRows } from './layout'

/** The map worker's methods (map-worker.ts), called through map-client.ts. Vector buffers are transferred in. */
export type MapWorkerMethods = {
  /** UMAP's layout of the vectors (see layOut); progress is the fraction done. */
  layOut: { args: { vectors: VectorRows; seed: number; sampleSize: number }; result: Layout; progress: number }
  /** New points placed among a layout's anchors (see placeAmong): x then y per point. */
  place: { args: { anchors: VectorRows & { coords: Float32Array }; added: VectorRows }; result: Float32Array }
}
