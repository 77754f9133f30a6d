import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
}

/** Serves the built renderer; a path that resolves outside its folder is refused. */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse): Promise<boolean> {
  const relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)
  const file = resolve(join(root, relative))
  if (file !== root && !file.startsWith(root + sep)) return false
  const info = await stat(file).catch(() => null)
  if (!info?.isFile()) return false
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
  })
  createReadStream(file).pipe(response)
  return true
}

export function sendFile(response: ServerResponse, path: string, contentType: string): void {
  const stream = createReadStream(path)
  stream.once('open', () => {
    response.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'private, max-age=3600' })
    stream.pipe(response)
  })
  stream.once('error', () => {
    if (!response.headersSent) response.writeHead(404).end()
    else response.destroy()
  })
}
