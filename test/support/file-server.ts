import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, normalize } from 'node:path'

export interface FileServerOptions {
  /** Whether byte ranges are honoured (206); without, a ranged request gets the whole file (200), as some servers do. */
  ranges?: boolean
  /** Per request, before it is answered: return 'cut' to send only the first `cutAfter` bytes and then drop the connection. */
  fault?: (request: IncomingMessage, count: number) => 'cut' | null
  cutAfter?: number
  /** Sends the first `afterBytes` of each file at once, then the rest only once `until` resolves: a download in progress. */
  hold?: { afterBytes: number; until: Promise<void>; onHeld?: () => void }
}

export interface FileServer {
  /** Base URL ending in a slash. */
  url: string
  /** Every request's path and Range header, in order. */
  requests: Array<{ path: string; range: string | null }>
  close(): Promise<void>
}

/**
 * A plain static file server on 127.0.0.1 for download tests: the real download code against real files (e.g. the
 * published models in ../shared/models), with the ways real servers behave (ranges or not, connections that drop).
 */
export async function serveFiles(root: string, options: FileServerOptions = {}): Promise<FileServer> {
  const requests: FileServer['requests'] = []
  const server = createServer((request, response) => {
    void answer(request, response).catch(() => response.destroy())
  })

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    const range = request.headers.range ?? null
    requests.push({ path, range })
    const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''))
    const size = await stat(file).then((facts) => (facts.isFile() ? facts.size : null), () => null)
    if (size === null) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
      return
    }
    const ranged = options.ranges !== false && range ? /^bytes=(\d+)-$/.exec(range) : null
    const start = ranged ? Number(ranged[1]) : 0
    if (ranged) {
      response.writeHead(206, { 'Content-Length': size - start, 'Content-Range': `bytes ${start}-${size - 1}/${size}`, 'Accept-Ranges': 'bytes' })
    } else {
      response.writeHead(200, { 'Content-Length': size, ...(options.ranges === false ? {} : { 'Accept-Ranges': 'bytes' }) })
    }
    if (options.fault?.(request, requests.length) === 'cut') {
      const stream = createReadStream(file, { start, end: start + (options.cutAfter ?? 1000) - 1 })
      stream.pipe(response, { end: false })
      // Ending the socket (not destroying it) delivers every byte written so far, then closes short of Content-Length.
      stream.on('end', () => response.socket?.end())
      return
    }
    const hold = options.hold
    if (hold && start < hold.afterBytes) {
      const head = createReadStream(file, { start, end: hold.afterBytes - 1 })
      head.on('data', (chunk) => response.write(chunk))
      head.on('end', () => {
        hold.onHeld?.()
        void hold.until.then(() => createReadStream(file, { start: hold.afterBytes }).pipe(response))
      })
      return
    }
    createReadStream(file, { start }).pipe(response)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
