import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { WebSocketServer, type WebSocket } from 'ws'
import type { WsClientFrame, WsServerFrame } from '../../../shared/api/wire'
import { openLoupe, type Loupe } from '../../app/loupe'
import { parseMediaPath } from '../../features/media'
import { sendFile, serveStatic } from './static-files'

export interface HostOptions {
  workspaceDir: string
  /** 0 picks a free port. */
  port?: number
  rendererDir?: string
}

export interface Host {
  /** Open this in a browser: the token travels in the fragment, which is never sent to a server or logged. */
  readonly url: string
  readonly port: number
  readonly loupe: Loupe
  close(): Promise<void>
}

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../out/renderer', import.meta.url))

/**
 * The headless way to run Loupe: the built renderer and the same API as the Electron shell, over a WebSocket bound
 * to 127.0.0.1 and guarded by a token made for this run, so other users and web pages on the machine cannot use it.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const loupe = await openLoupe({ workspaceDir: options.workspaceDir })
  const token = randomBytes(24).toString('base64url')
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR
  const sockets = new Set<WebSocket>()

  const server = createServer((request, response) => {
    handleHttp(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end()
    })
  })
  let origin = ''

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin)
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405).end()
    if (url.pathname.startsWith('/media/')) {
      if (!tokenMatches(url.searchParams.get('token'), token)) return void response.writeHead(403).end()
      const target = parseMediaPath(url.pathname.slice('/media'.length))
      const file = target && (await loupe.media.resolve(target.kind, target.id))
      if (!file) return void response.writeHead(404).end()
      return sendFile(response, file.path, file.contentType)
    }
    response.setHeader('Content-Security-Policy', contentSecurityPolicy(origin))
    response.setHeader('X-Content-Type-Options', 'nosniff')
    if (!(await serveStatic(rendererDir, url.pathname, response))) response.writeHead(404).end()
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 })
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin)
    const sameOrigin = !request.headers.origin || request.headers.origin === origin
    if (url.pathname !== '/api' || !sameOrigin || !tokenMatches(url.searchParams.get('token'), token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('message', (data) => void answer(ws, data.toString()))
    })
  })

  async function answer(ws: WebSocket, text: string): Promise<void> {
    let frame: WsClientFrame
    try {
      frame = JSON.parse(text) as WsClientFrame
    } catch {
      return
    }
    if (frame?.type !== 'call' || typeof frame.id !== 'number' || typeof frame.channel !== 'string') return
    const envelope = await loupe.dispatcher.invoke(frame.channel, frame.payload)
    send(ws, { type: 'reply', id: frame.id, envelope })
  }

  const unsubscribe = loupe.events.subscribe((event, payload) => {
    for (const ws of sockets) send(ws, { type: 'event', event, payload })
  })

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
    })
  } catch (error) {
    await loupe.close()
    throw error
  }
  const port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/#token=${token}`,
    port,
    loupe,
    async close() {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await loupe.close()
    },
  }
}

function send(ws: WebSocket, frame: WsServerFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame))
}

function tokenMatches(given: string | null, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function contentSecurityPolicy(origin: string): string {
  const wsOrigin = origin.replace(/^http/, 'ws')
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${wsOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}
