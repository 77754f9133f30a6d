import type { Envelope } from './errors'

/** What the preload script exposes on `window.loupeBridge` under Electron. */
export interface LoupeBridge {
  channels: readonly string[]
  invoke(channel: string, payload: unknown): Promise<Envelope>
  onEvent(listener: (event: string, payload: unknown) => void): () => void
  pathForFile(file: File): string
}

export const BRIDGE_GLOBAL = 'loupeBridge'
