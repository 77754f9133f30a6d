import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { ApiError, type Envelope } from '../../../shared/api/errors'
import type { WsServerFrame } from '../../../shared/api/wire'
import type { Dispatcher } from '../../platform/api/dispatcher'
import type { EventListener } from '../../platform/events/event-bus'
import { readFrame } from './frames'

/**
 * The largest frame the host reads. The contract puts no cap on `imports.start` paths, and a million typical paths
 * come to 50–150 MB of JSON, so 256 MiB takes them with room to spare. Whoever can send frames already holds the
 * token and every power of the API, so a big buffer gives them nothing new; beyond it the connection is closed with
 * 1009 before the frame is buffered.
 */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024

export interface ApiSocketsOptions {
  dispatcher: Pick<Dispatcher, 'invoke'>
  events: { subscribe(listener: EventListener): () => void }
  log: (line: string) => void
}

/** The WebSocket side of the host: calls in, replies and events out, one malformed frame never more than a log line. */
export function createApiSockets({ dispatcher, events, log }: ApiSocketsOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  wss.on('error', (error) => log(`WebSocket server error: ${error.message}`))
  const sockets = new Set<WebSocket>()
  const unsubscribe = events.subscribe((event, payload) => {
    for (const ws of sockets) send(ws, { type: 'event', event, payload })
  })

  function send(ws: WebSocket, frame: WsServerFrame): void {
    if (ws.readyState !== ws.OPEN) return
    let text: string
    try {
      text = JSON.stringify(frame)
    } catch (error) {
      log(`Could not encode a ${frame.type}: ${messageOf(error)}`)
      if (frame.type !== 'reply') return
      text = JSON.stringify({ ...frame, envelope: failure('internal', 'The reply could not be encoded.') })
    }
    ws.send(text)
  }

  async function answer(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) return log('Dropped a WebSocket frame: binary frames are not calls.')
    const frame = readFrame(data.toString())
    if (frame.kind === 'drop') return log(`Dropped a WebSocket frame: ${frame.reason}.`)
    if (frame.kind === 'refuse') return send(ws, { type: 'reply', id: frame.id, envelope: failure('bad_request', frame.message) })
    const envelope = await dispatcher.invoke(frame.channel, frame.payload)
    send(ws, { type: 'reply', id: frame.id, envelope })
  }

  function attach(ws: WebSocket): void {
    sockets.add(ws)
    ws.on('close', () => sockets.delete(ws))
    // ws has already closed the connection with the fitting code (1009 too big, 1007 not UTF-8, 1002 bad framing);
    // without a listener the same error would end the process.
    ws.on('error', (error) => log(`Closed a WebSocket connection: ${error.message}`))
    ws.on('message', (data, isBinary) => {
      answer(ws, data, isBinary).catch((error: unknown) => log(`Could not answer a call: ${messageOf(error)}`))
    })
  }

  return {
    accept(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      wss.handleUpgrade(request, socket, head, attach)
    },
    close(): void {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
    },
  }
}

const failure = (code: 'bad_request' | 'internal', message: string): Envelope => ({
  ok: false,
  error: new ApiError(code, message).toShape(),
})

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))
