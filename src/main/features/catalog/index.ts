export { CatalogService, type FileAndBoxes, type NewImage, type StoredImage } from './catalog-service'
export { catalogHandlers } from './handlers'
export { IN_LABEL_ERRORS_QUEUE, IN_LABEL_NEXT_QUEUE } from './prediction-queues'
export { ACTIVE_ANOMALY_MODEL, ACTIVE_ANOMALY_MODEL_KEY } from './active-anomaly-model'
