import { CHANNELS } from '../shared/api/contract'

/**
 * The only channels the preload lets the page invoke: exactly the contract's. In the built preload this module is
 * replaced by the same list as a literal, computed from the contract at build time (see electron.vite.config.ts), so
 * the sandboxed preload stays a few lines instead of carrying zod and every schema.
 */
export const ALLOWED_CHANNELS: readonly string[] = Object.freeze([...CHANNELS])
