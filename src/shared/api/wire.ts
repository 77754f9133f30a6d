/** Names and message shapes shared by the transports' two ends. */
export const IPC_EVENT_CHANNEL = 'loupe:event'
export const ipcChannel = (channel: string): string => `loupe:${channel}`
export const MEDIA_SCHEME = 'loupe-media'

/** WebSocket frames of the Node host. */
export type WsClientFrame = { type: 'call'; id: number; channel: string; payload: unknown }
export type WsServerFrame =
  | { type: 'reply'; id: number; envelope: import('./errors').Envelope }
  | { type: 'event'; event: string; payload: unknown }
