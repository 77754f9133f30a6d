export { dialogHandlers, type ShellCapabilities } from './handlers'
