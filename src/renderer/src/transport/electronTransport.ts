import type { LoupeBridge } from '../../../shared/api/bridge'
import type { Transport } from '../../../shared/api/client'
import { MEDIA_SCHEME } from '../../../shared/api/wire'

export function createElectronTransport(bridge: LoupeBridge): Transport {
  return {
    invoke: (channel, payload) => bridge.invoke(channel, payload),
    subscribe: (listener) => bridge.onEvent(listener),
    mediaUrl: (kind, imageId) => `${MEDIA_SCHEME}://media/${kind}/${imageId}`,
    // Electron answers with an empty string for files that do not live on disk (e.g. dragged from a web page).
    pathForFile: (file) => bridge.pathForFile(file) || null,
  }
}
