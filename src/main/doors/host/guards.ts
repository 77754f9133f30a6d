import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * Checks every request passes before the host looks at what it asks for. None of them may throw: they run on input
 * from anyone who can reach the port, before the token is checked.
 */

/** The request's URL on the host's own origin; null when it does not parse or names another origin (`//evil/x`). */
export function requestUrl(request: IncomingMessage, origin: string): URL | null {
  try {
    const url = new URL(request.url ?? '/', origin)
    return url.origin === origin ? url : null
  } catch {
    return null
  }
}

/**
 * Whether the request was addressed to this host by the address it printed. A web page that re-points its own domain
 * at 127.0.0.1 (DNS rebinding) sends its own name here, and is refused before anything is served.
 */
export function addressedToUs(request: IncomingMessage, port: number): boolean {
  return request.headers.host === `127.0.0.1:${port}`
}

/** Browsers always send Origin with a WebSocket; a client without one is a program here, which needs the token anyway. */
export function sameOriginOrNone(request: IncomingMessage, origin: string): boolean {
  return request.headers.origin === undefined || request.headers.origin === origin
}

export function tokenMatches(given: string | null, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function contentSecurityPolicy(origin: string): string {
  const wsOrigin = origin.replace(/^http/, 'ws')
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${wsOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}
