export { importHandlers } from './handlers'
export { ImportRunner } from './import-runner'
