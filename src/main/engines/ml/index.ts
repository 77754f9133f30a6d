/**
 * The ML engine: model registry (manifests, a verified on-disk store) and embedding inference in a worker thread.
 * Main-process side only; TensorFlow.js itself is imported by the worker (embedding-worker.ts), never here.
 */
export { BACKEND_NAMES } from './backend-types'
export type { BackendInfo, BackendName } from './backend-types'
export { EmbeddingEngine, probeBackend } from './engine'
export type { BatchFeatures, EngineStartOptions } from './engine'
export { EngineError, HOW_TO_ADD_MODEL, ModelError } from './errors'
export type { ModelErrorCode } from './errors'
export type { FeatureLayers, FeatureMap } from './feature-maps'
export { BUILT_IN_MANIFESTS, DEFAULT_MODEL_ID, DEFAULT_MODEL_MANIFEST, ModelManifest } from './manifest'
export type { ModelInputSpec, ModelManifestInput, Normalisation } from './manifest'
export { MANIFEST_FILE } from './model-files'
export { ModelStore } from './model-store'
export type { DownloadOptions, DownloadProgress, InstalledModel, ModelListing } from './model-store'
export { clampRegion, loadModelPixels, normalisePixels, preprocessBatch, preprocessImage } from './preprocess'
export type { BatchItem, CropRegion, ImageInput, PreprocessOptions, ResizePolicy } from './preprocess'
export type { WorkerMemory } from './protocol'
export { cosineSimilarity, dot, l2Norm } from './vectors'
