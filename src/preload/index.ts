/**
 * The preload of the Loupe window: sandboxed, so it is built as one CommonJS file that needs nothing but 'electron'.
 * It exposes `window.loupeBridge` and nothing else—no ipcRenderer, no Node.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { BRIDGE_GLOBAL, type LoupeBridge } from '../shared/api/bridge'
import type { Envelope } from '../shared/api/errors'
import { IPC_EVENT_CHANNEL, ipcChannel } from '../shared/api/wire'
import { ALLOWED_CHANNELS } from './allowed-channels'

const allowed = new Set(ALLOWED_CHANNELS)

const bridge: LoupeBridge = {
  channels: [...ALLOWED_CHANNELS],

  invoke(channel: string, payload: unknown): Promise<Envelope> {
    if (typeof channel !== 'string' || !allowed.has(channel)) {
      return Promise.reject(new Error(`Unknown Loupe API channel: ${String(channel)}`))
    }
    return ipcRenderer.invoke(ipcChannel(channel), payload) as Promise<Envelope>
  },

  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    const forward = (_event: IpcRendererEvent, message: unknown) => {
      if (typeof message !== 'object' || message === null) return
      const { event, payload } = message as { event?: unknown; payload?: unknown }
      if (typeof event === 'string') listener(event, payload)
    }
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward)
    }
  },

  pathForFile(file: File): string {
    return webUtils.getPathForFile(file)
  },
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge)
