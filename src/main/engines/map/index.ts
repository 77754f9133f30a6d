/**
 * The embedding map: UMAP's 2-D layout of embedding vectors and the placement of vectors that come after it, in a
 * worker thread. No catalogue: vectors in, coordinates in [0, 1]² out.
 */
export { DEFAULT_SAMPLE_SIZE, layOut } from './layout'
export type { Layout, LayoutOptions, VectorRows } from './layout'
export { placeAmong } from './placement'
export { layOutInWorker, placeInWorker } from './map-client'
export type { MapWorkOptions } from './map-client'
