import type { Transport } from '../../../shared/api/client'
import { ALWAYS_OPEN, type ConnectionMonitor } from './connection'
import { takeAccessToken } from './accessToken'
import { createElectronTransport } from './electronTransport'
import { createWebSocketTransport } from './webSocketTransport'
import { t } from '../i18n/t'

export type TransportChoice =
  | { ok: true; transport: Transport; connection: ConnectionMonitor }
  | { ok: false; problem: string }

/** Electron's preload bridge when it is there, otherwise the Node host that served this page. */
export function pickTransport(): TransportChoice {
  if (window.loupeBridge) {
    return { ok: true, transport: createElectronTransport(window.loupeBridge), connection: ALWAYS_OPEN }
  }
  const token = takeAccessToken()
  if (!token) {
    return {
      ok: false,
      problem: t('transport.needsAccessLink'),
    }
  }
  const transport = createWebSocketTransport(token)
  return { ok: true, transport, connection: transport.connection }
}
