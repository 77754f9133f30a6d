export { mapHandlers } from './handlers'
export { MapLayoutRunner } from './layout-runner'
export { MapService } from './map-service'
export { MapStore } from './map-store'
