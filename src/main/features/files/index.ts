export { fileHandlers } from './handlers'
export { browseFolder } from './browse'
