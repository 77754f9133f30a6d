import { protocol } from 'electron'
import { MEDIA_SCHEME } from '../../../shared/api/wire'
import type { MediaService } from '../../features/media'
import { APP_SCHEME, createAppProtocolHandler } from './app-protocol'
import { createMediaProtocolHandler } from './media-protocol'

/**
 * Must run before the app is ready, once, naming every custom scheme. Both are "standard" (real origins, relative
 * URLs resolve, web storage works) and "secure". The app scheme carries the renderer's module scripts, which Vite
 * loads in CORS mode (`crossorigin`), hence corsEnabled; its files are no secret. The media scheme is CORS-enabled
 * too, because the DICOM viewer reads a frame's raw values with fetch; its responses allow only the app's origin.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
    },
  ])
}

/** Installs the handlers of both schemes on the default session; call once the app is ready. */
export function handleProtocols(options: { rendererRoot: string; csp: string; media: Pick<MediaService, 'open'> }): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: options.rendererRoot, csp: options.csp }))
  protocol.handle(MEDIA_SCHEME, createMediaProtocolHandler(options.media))
}
