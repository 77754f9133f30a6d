export { AnomalyService } from './anomaly-service'
export { AnomalyStore } from './anomaly-store'
export { AnomalyFitRunner } from './fit-runner'
export { anomalyHandlers } from './handlers'
