export { exportHandlers } from './handlers'
export { ExportRunner } from './export-runner'
