export { labelHandlers } from './handlers'
export { LabelService } from './label-service'
