import type { Transport } from '../../../shared/api/client'
import type { Envelope } from '../../../shared/api/errors'
import type { WsClientFrame, WsServerFrame } from '../../../shared/api/wire'
import type { ConnectionMonitor, ConnectionState } from './connection'
import { t } from '../i18n/t'

const FIRST_RETRY_MS = 250
const MAX_RETRY_MS = 5_000

type EventListener = (event: string, payload: unknown) => void

export interface WebSocketTransport extends Transport {
  connection: ConnectionMonitor
}

/**
 * Talks to the Node host over one WebSocket on the page's own origin. Calls made before the socket opens (or while
 * it is reconnecting) wait in a queue; event listeners belong to the transport rather than to a socket, so they keep
 * receiving events across reconnects without the caller doing anything.
 */
export function createWebSocketTransport(token: string): WebSocketTransport {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  // i18n-exempt: a URL
  const url = `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`
  const encodedToken = encodeURIComponent(token)

  const eventListeners = new Set<EventListener>()
  const stateListeners = new Set<() => void>()
  const unsent: WsClientFrame[] = []
  const awaitingReply = new Map<number, { resolve: (envelope: Envelope) => void; sent: boolean }>()
  let socket: WebSocket | null = null
  let state: ConnectionState = 'connecting'
  let nextId = 1
  let retryMs = FIRST_RETRY_MS

  const setState = (next: ConnectionState) => {
    if (state === next) return
    state = next
    for (const listener of stateListeners) listener()
  }

  const send = (frame: WsClientFrame) => {
    if (socket?.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame))
      const call = awaitingReply.get(frame.id)
      if (call) call.sent = true
    } else {
      unsent.push(frame)
    }
  }

  const receive = (data: unknown) => {
    if (typeof data !== 'string') return
    let frame: WsServerFrame
    try {
      frame = JSON.parse(data) as WsServerFrame
    } catch {
      return
    }
    if (frame.type === 'reply') {
      awaitingReply.get(frame.id)?.resolve(frame.envelope)
      awaitingReply.delete(frame.id)
    } else if (frame.type === 'event') {
      for (const listener of eventListeners) listener(frame.event, frame.payload)
    }
  }

  // A call already on the wire when the socket dropped may or may not have run; repeating it could, say, start an
  // import twice, so it fails and the person decides. Calls still queued are safe to send after reconnecting.
  const failCallsInFlight = (closeCode: number) => {
    const error =
      closeCode === MESSAGE_TOO_BIG
        ? { code: 'bad_request' as const, message: t('transport.tooLarge') }
        : { code: 'internal' as const, message: t('transport.dropped') }
    for (const [id, call] of awaitingReply) {
      if (!call.sent) continue
      awaitingReply.delete(id)
      call.resolve({ ok: false, error })
    }
  }

  /** The host closes with 1009 when a frame is over its limit (src/main/doors/host/api-sockets.ts). */
  const MESSAGE_TOO_BIG = 1009

  const connect = () => {
    const ws = new WebSocket(url)
    socket = ws
    ws.addEventListener('open', () => {
      retryMs = FIRST_RETRY_MS
      setState('open')
      for (const frame of unsent.splice(0)) send(frame)
    })
    ws.addEventListener('message', (message) => receive(message.data))
    // 'error' is always followed by 'close', so reconnecting from 'close' alone covers both.
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return
      socket = null
      failCallsInFlight(event.code)
      setState('reconnecting')
      setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)
    })
  }
  connect()

  return {
    invoke(channel, payload) {
      return new Promise<Envelope>((resolve) => {
        const id = nextId++
        awaitingReply.set(id, { resolve, sent: false })
        send({ type: 'call', id, channel, payload })
      })
    },
    subscribe(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    },
    // i18n-exempt: a URL
    mediaUrl: (kind, imageId) => `/media/${kind}/${imageId}?token=${encodedToken}`,
    pathForFile: () => null,
    connection: {
      current: () => state,
      subscribe(listener) {
        stateListeners.add(listener)
        return () => stateListeners.delete(listener)
      },
    },
  }
}
