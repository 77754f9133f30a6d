import { MEDIA_SCHEME } from '../../../shared/api/wire'

/**
 * The Content-Security-Policy of the window. Only the app's own files run; images may also come from the media scheme
 * (thumbnails and originals, served by the main process) and from data:/blob: URLs the renderer makes itself. Nothing
 * may be fetched from a network.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `img-src 'self' ${MEDIA_SCHEME}: data: blob:`,
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  // The DICOM viewer fetches a frame's raw values from the media scheme to apply window/level itself.
  `connect-src 'self' ${MEDIA_SCHEME}:`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * The policy while developing against electron-vite's dev server: its React refresh preamble is an inline script and
 * hot reload talks over a WebSocket to the same host, so those two are let through, and nothing else.
 */
export function devContentSecurityPolicy(rendererUrl: string): string {
  const { host } = new URL(rendererUrl)
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ws://${host} wss://${host}`,
  )
}
