import { MEDIA_SCHEME } from '../../../shared/api/wire'
import { parseMediaPath, type MediaService } from '../../features/media'
import { APP_HOST, APP_SCHEME } from './app-protocol'
import { fileResponse, isReadMethod, methodNotAllowed, notFound, readUrl } from './responses'

const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Host of every media URL: `loupe-media://media/thumb/12`, `loupe-media://media/image/12`. */
export const MEDIA_HOST = 'media'

/**
 * `protocol.handle` handler for the media scheme. The URL only ever selects a catalogue id; the file served is the one
 * the catalogue resolves for it, so no path from a URL is ever opened.
 */
export function createMediaProtocolHandler(
  media: Pick<MediaService, 'resolve'>,
  log: (error: unknown) => void = console.error,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isReadMethod(request)) return methodNotAllowed()
    const url = readUrl(request, MEDIA_SCHEME, MEDIA_HOST)
    if (!url) return notFound()
    const target = parseMediaPath(url.pathname)
    if (!target) return notFound()
    try {
      const file = await media.resolve(target.kind, target.id)
      if (!file) return notFound()
      return await fileResponse(file.path, request, {
        'Content-Type': file.contentType,
        'Cache-Control': 'no-cache',
        'Access-Control-Allow-Origin': APP_ORIGIN,
      })
    } catch (error) {
      log(error)
      return new Response('Could not read the image', { status: 500 })
    }
  }
}
