import { open, type FileHandle } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'

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

/** The file under `root` a URL path names; 'bad' when it cannot be decoded or reaches outside `root` in any spelling. */
export function staticFileFor(root: string, urlPath: string): string | 'bad' {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)
  } catch {
    return 'bad'
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return 'bad'
  const base = resolve(root)
  const file = resolve(base, `.${decoded}`)
  const rel = relative(base, file)
  if (rel === '' || isAbsolute(rel) || rel.split(sep).includes('..')) return 'bad'
  return file
}

/** Serves the built renderer; false when there is no such file. */
export async function serveStatic(file: string, response: ServerResponse): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null)
  if (!handle) return false
  const info = await handle.stat().catch(() => null)
  if (!info?.isFile()) {
    await handle.close()
    return false
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
  })
  await sendHandle(response, handle)
  return true
}

/**
 * Streams an open file (closing it after) into a reply whose head is written. A reader that goes away mid-file, or
 * a read that fails, ends this reply only; neither may surface as an unhandled error.
 */
export async function sendHandle(response: ServerResponse, handle: FileHandle): Promise<void> {
  if (response.req.method === 'HEAD') {
    await handle.close()
    response.end()
    return
  }
  await pipeline(handle.createReadStream(), response).catch(() => response.destroy())
}
