import type { LoupeBridge } from '../../shared/api/bridge'

declare global {
  interface Window {
    /** Present only under Electron, where the preload script exposes it. */
    loupeBridge?: LoupeBridge
  }
}
