import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { fileResponse, isReadMethod, methodNotAllowed, notFound, readUrl } from './responses'

/**
 * The built renderer is served from its own privileged scheme rather than file:, so the window gets a real origin
 * (no file: powers, IPC senders can be checked) and the Content-Security-Policy travels as a response header, which
 * Chromium does not reliably honour for file: pages.
 */
export const APP_SCHEME = 'loupe-app'
export const APP_HOST = 'app'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file under `root` a request path names, or null when it would fall outside `root` (traversal, encoded
 * separators, NUL) or is not a path at all.
 */
export function resolveUnder(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relativePath = decoded.replace(/^\/+/, '') || 'index.html'
  const file = resolve(root, relativePath)
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null
  return file
}

/** `protocol.handle` handler serving the files of `root` (the built renderer) with the given CSP. */
export function createAppProtocolHandler(options: { root: string; csp: string }): (request: Request) => Promise<Response> {
  const root = resolve(options.root)
  return async (request) => {
    if (!isReadMethod(request)) return methodNotAllowed()
    const url = readUrl(request, APP_SCHEME, APP_HOST)
    if (!url) return notFound()
    const file = resolveUnder(root, url.pathname)
    if (!file) return notFound()
    const headers = {
      'Content-Type': contentTypeOf(file),
      'Content-Security-Policy': options.csp,
      'Cache-Control': 'no-cache',
    }
    const response = await fileResponse(file, request, headers)
    // A reload of a client-side route (no extension) lands on the app's one page.
    if (response.status === 404 && extname(file) === '') {
      return fileResponse(resolve(root, 'index.html'), request, { ...headers, 'Content-Type': CONTENT_TYPES['.html']! })
    }
    return response
  }
}
