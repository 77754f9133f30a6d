import type { ServerResponse } from 'node:http'
import { isRefusal, type MediaKind, type MediaService } from '../../features/media'
import { sendHandle } from './static-files'

/** A short plain-text answer; nosniff so no browser ever reads it as anything else. */
export function plain(response: ServerResponse, status: number, text: string): void {
  response
    .writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' })
    .end(text)
}

/**
 * Answers `/media/{kind}/{id}` with the file the catalogue has for that id, checked through the very handle that is
 * streamed; 404 or 410 with the reason when there is none or it is no longer the imported file.
 */
export async function sendMedia(
  response: ServerResponse,
  media: Pick<MediaService, 'open'>,
  target: { kind: MediaKind; id: number },
): Promise<void> {
  const opened = await media.open(target.kind, target.id)
  if (isRefusal(opened)) return plain(response, opened.status, opened.reason)
  response.writeHead(200, {
    'Content-Type': opened.contentType,
    'Content-Length': opened.size,
    'Cache-Control': 'private, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
  })
  await sendHandle(response, opened.handle)
}
