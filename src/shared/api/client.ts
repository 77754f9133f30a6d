import { CHANNELS, type EventName, type EventPayload, type LoupeApi } from './contract'
import { ApiError, type Envelope } from './errors'

/** thumb and image: pictures; raw: a DICOM frame's values as float32 (see DicomFrameInfo.raw). */
export type MediaKind = 'thumb' | 'image' | 'raw'

/** The little a transport must provide; everything typed is built on top of it. */
export interface Transport {
  invoke(channel: string, payload: unknown): Promise<Envelope>
  subscribe(listener: (event: string, payload: unknown) => void): () => void
  mediaUrl(kind: MediaKind, imageId: number): string
  /** A dropped file's path on disk, where the transport can know it (Electron); null in a browser. */
  pathForFile(file: File): string | null
}

export interface LoupeClient {
  api: LoupeApi
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  mediaUrl(kind: MediaKind, imageId: number): string
  pathForFile(file: File): string | null
}

/**
 * Every method of the contract as a typed async function over one `invoke`, so callers write
 * `api.catalog.stats({})` and "go to definition" lands on the contract. A refusal is thrown as an ApiError.
 */
export function createApi(invoke: (channel: string, payload: unknown) => Promise<Envelope>): LoupeApi {
  const api: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {}
  for (const channel of CHANNELS) {
    const [ns, m] = channel.split('.') as [string, string]
    api[ns] ??= {}
    api[ns][m] = async (request: unknown) => {
      const envelope = await invoke(channel, request ?? {})
      if (!envelope.ok) throw ApiError.from(envelope.error)
      return envelope.value
    }
  }
  return api as unknown as LoupeApi
}

export function createClient(transport: Transport): LoupeClient {
  return {
    api: createApi((channel, payload) => transport.invoke(channel, payload)),
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as EventPayload<typeof event>)
      })
    },
    mediaUrl: (kind, id) => transport.mediaUrl(kind, id),
    pathForFile: (file) => transport.pathForFile(file),
  }
}
