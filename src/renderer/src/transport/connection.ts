export type ConnectionState = 'connecting' | 'open' | 'reconnecting'

/** Whether calls can reach the services right now; the UI shows a banner and resyncs when this flips back to open. */
export interface ConnectionMonitor {
  current(): ConnectionState
  subscribe(listener: () => void): () => void
}

/** IPC to the main process cannot drop, so under Electron the connection is simply always there. */
export const ALWAYS_OPEN: ConnectionMonitor = {
  current: () => 'open',
  subscribe: () => () => {},
}
