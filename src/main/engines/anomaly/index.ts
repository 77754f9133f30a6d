/**
 * Anomaly detection (PatchCore) on Loupe's backbone: learn "good" from defect-free pictures, score any picture, and say
 * where it differs. No catalogue: paths in, models and scores out; inference runs in the ML worker (EmbeddingEngine),
 * the patch and memory-bank arithmetic in the anomaly worker (anomaly-worker.ts).
 */
export { bankPatches, DEFAULT_ANOMALY_SETTINGS, fitAnomalyModel, mapAnomaly, scoreAnomalies, secondBackboneUsable } from './anomaly-model'
export { partnerBackbone } from './backbone-features'
export type { AnomalyMember, AnomalyModel, AnomalySettings, AnomalySplit, AnomalyWorkOptions, ImageAnomaly, MappedAnomaly } from './anomaly-model'
export { mapLevels, shrinkMap } from './anomaly-map'
export type { AnomalyMap, AnomalyRegion } from './anomaly-map'
export { falseAlarmRate } from './calibration'
export { AnomalyError } from './errors'
export type { AnomalyErrorCode } from './errors'
export type { ColourKind } from './image-input'
export { HNSW_FROM_PATCHES } from './memory-bank'
export type { BankSearch } from './memory-bank'
export { readAnomalyModel, writeAnomalyModel } from './model-file'
export { auroc, confusionAt, rocCurve } from './evaluation'
