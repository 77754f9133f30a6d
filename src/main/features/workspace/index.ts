export { workspaceHandlers } from './handlers'
