export { jobHandlers } from './handlers'
