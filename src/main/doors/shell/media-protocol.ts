import { MEDIA_SCHEME } from '../../../shared/api/wire'
import { isRefusal, parseMediaPath, type MediaService } from '../../features/media'
import { APP_HOST, APP_SCHEME } from './app-protocol'
import { handleResponse, isReadMethod, methodNotAllowed, notFound, readUrl, textResponse } from './responses'

const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Host of every media URL: `loupe-media://media/thumb/12`, `loupe-media://media/image/12`. */
export const MEDIA_HOST = 'media'

/**
 * `protocol.handle` handler for the media scheme. The URL only ever selects a catalogue id; the file served is the one
 * the catalogue has for it, checked through the handle that is streamed (still a regular file, still the size and
 * format imported), so no path from a URL is ever opened and a re-pointed link is refused with 410.
 */
export function createMediaProtocolHandler(
  media: Pick<MediaService, 'open'>,
  log: (error: unknown) => void = console.error,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isReadMethod(request)) return methodNotAllowed()
    const url = readUrl(request, MEDIA_SCHEME, MEDIA_HOST)
    if (!url) return notFound()
    const target = parseMediaPath(url.pathname)
    if (!target) return notFound()
    try {
      const opened = await media.open(target.kind, target.id)
      if (isRefusal(opened)) return textResponse(opened.status, opened.reason)
      return await handleResponse(opened.handle, opened.size, request, {
        'Content-Type': opened.contentType,
        'Cache-Control': 'no-cache',
        'Access-Control-Allow-Origin': APP_ORIGIN,
      })
    } catch (error) {
      log(error)
      return textResponse(500, 'Could not read the image')
    }
  }
}
