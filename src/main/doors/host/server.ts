import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { openLoupe, type Loupe } from '../../app/loupe'
import { parseMediaPath } from '../../features/media'
import { createApiSockets } from './api-sockets'
import { addressedToUs, contentSecurityPolicy, requestUrl, sameOriginOrNone, tokenMatches } from './guards'
import { plain, sendMedia } from './media-reply'
import { serveStatic, staticFileFor } from './static-files'

export interface HostOptions {
  workspaceDir: string
  /** The user's model store (see openLoupe). */
  modelsDir?: string
  /** 0 picks a free port. */
  port?: number
  rendererDir?: string
  /** Where refusals worth a look (dropped frames, closed connections) are reported; console.warn by default. */
  log?: (line: string) => void
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
 * Everything that arrives before or without the token is answered with a refusal; nothing anyone sends may end the
 * process.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const log = options.log ?? ((line: string) => console.warn(`loupe serve: ${line}`))
  const loupe = await openLoupe({
    workspaceDir: options.workspaceDir,
    ...(options.modelsDir ? { modelsDir: options.modelsDir } : {}),
    indexAutomatically: true,
  })
  const token = randomBytes(24).toString('base64url')
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR
  const api = createApiSockets({ dispatcher: loupe.dispatcher, events: loupe.events, log })
  let port = 0
  let origin = ''

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!addressedToUs(request, port)) return plain(response, 421, `This server only answers at ${origin}/.`)
    const url = requestUrl(request, origin)
    if (!url) return plain(response, 400, 'The request URL cannot be read.')
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Only GET and HEAD are served.')
    if (url.pathname.startsWith('/media/')) {
      if (!tokenMatches(url.searchParams.get('token'), token)) return plain(response, 403, 'Media needs the token of this run.')
      const target = parseMediaPath(url.pathname.slice('/media'.length))
      if (!target) return plain(response, 404, 'Media URLs are /media/{thumb|image|raw}/{id}.')
      return sendMedia(response, loupe.media, target)
    }
    response.setHeader('Content-Security-Policy', contentSecurityPolicy(origin))
    response.setHeader('X-Content-Type-Options', 'nosniff')
    const file = staticFileFor(rendererDir, url.pathname)
    if (file === 'bad') return plain(response, 400, 'That path cannot name a file of the app.')
    if (!(await serveStatic(file, response))) plain(response, 404, 'Not found.')
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node hands the raw socket over without an error listener; a peer resetting it must not end the process.
    socket.on('error', () => socket.destroy())
    const url = requestUrl(request, origin)
    if (!url) return refuseUpgrade(socket, '400 Bad Request')
    if (!addressedToUs(request, port)) return refuseUpgrade(socket, '421 Misdirected Request')
    if (url.pathname !== '/api' || !sameOriginOrNone(request, origin) || !tokenMatches(url.searchParams.get('token'), token)) {
      return refuseUpgrade(socket, '403 Forbidden')
    }
    api.accept(request, socket, head)
  }

  const server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      // The path only: media URLs carry the token in their query, and logs are no place for it.
      const path = (request.url ?? '').split('?')[0]
      log(`Failed to answer ${request.method} ${path}: ${error instanceof Error ? error.message : String(error)}`)
      if (!response.headersSent) plain(response, 500, 'The host could not answer this request.')
      else response.destroy()
    })
  })
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      handleUpgrade(request, socket, head)
    } catch (error) {
      log(`Refused a WebSocket upgrade that failed: ${error instanceof Error ? error.message : String(error)}`)
      socket.destroy()
    }
  })

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
    })
  } catch (error) {
    api.close()
    await loupe.close()
    throw error
  }
  server.on('error', (error) => log(`HTTP server error: ${error.message}`))
  port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/#token=${token}`,
    port,
    loupe,
    async close() {
      api.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await loupe.close()
    },
  }
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}
