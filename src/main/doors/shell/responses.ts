import { open, type FileHandle } from 'node:fs/promises'
import { Readable } from 'node:stream'

/**
 * Responses for the custom protocols, built from plain Web `Request`/`Response` objects so the handlers run (and are
 * tested) in Node as well as in Electron's `protocol.handle`.
 */

export function notFound(): Response {
  return textResponse(404, 'Not found')
}

/** A short plain-text answer; nosniff so it is never read as anything else. */
export function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  })
}

export function methodNotAllowed(): Response {
  return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } })
}

export const isReadMethod = (request: Request): boolean => request.method === 'GET' || request.method === 'HEAD'

/**
 * Streams a regular file, or answers 404 when it is missing or not a file. The file is opened before anything is
 * answered, so one removed since it was looked up is a clean 404 rather than a broken stream.
 */
export async function fileResponse(
  path: string,
  request: Request,
  headers: Record<string, string>,
): Promise<Response> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch {
    return notFound()
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) {
      await handle.close()
      return notFound()
    }
    return await handleResponse(handle, stat.size, request, headers)
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
}

/** Streams a file already opened (and checked) by the caller; the response owns the handle from here. */
export async function handleResponse(
  handle: FileHandle,
  size: number,
  request: Request,
  headers: Record<string, string>,
): Promise<Response> {
  const allHeaders = { ...headers, 'Content-Length': String(size), 'X-Content-Type-Options': 'nosniff' }
  if (request.method === 'HEAD') {
    await handle.close()
    return new Response(null, { status: 200, headers: allHeaders })
  }
  // The stream closes the handle when done or destroyed.
  const body = Readable.toWeb(handle.createReadStream()) as unknown as ConstructorParameters<typeof Response>[0]
  return new Response(body, { status: 200, headers: allHeaders })
}

/** The request's URL when it is a read of `scheme://host/…`; null for anything else, which is then answered 404/405. */
export function readUrl(request: Request, scheme: string, host: string): URL | null {
  if (!isReadMethod(request)) return null
  try {
    const url = new URL(request.url)
    return url.protocol === `${scheme}:` && url.host === host ? url : null
  } catch {
    return null
  }
}
