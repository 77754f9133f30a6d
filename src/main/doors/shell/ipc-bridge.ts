import { ApiError, type Envelope } from '../../../shared/api/errors'
import { IPC_EVENT_CHANNEL, ipcChannel } from '../../../shared/api/wire'
import type { Dispatcher } from '../../platform/api/dispatcher'
import type { EventListener } from '../../platform/events/event-bus'

/** The part of Electron's `IpcMainInvokeEvent` the bridge looks at: which frame sent it. */
export interface InvokeEventLike {
  readonly senderFrame?: { readonly url: string } | null
}

export type InvokeListener = (event: InvokeEventLike, payload: unknown) => Promise<Envelope>

/** What the bridge needs of `ipcMain`; a plain recording object satisfies it in tests. */
export interface IpcRegistrar {
  handle(channel: string, listener: InvokeListener): void
  removeHandler?(channel: string): void
}

export interface IpcBridgeOptions {
  /** Whether a request from a frame at this URL is served; by default every sender is. */
  isTrustedSender?: (url: string) => boolean
  /** A last check of the request itself (the folders it names); its refusal is the reply, and nothing is dispatched. */
  authorize?: (channel: string, payload: unknown) => Promise<ApiError | null>
}

/**
 * One `ipcMain.handle` per channel of the dispatcher, each forwarding to it unchanged: the dispatcher validates, runs
 * and wraps every outcome in an envelope, so nothing thrown by a service crosses into the renderer as a raw error.
 * Returns a function that removes the handlers again.
 */
export function registerIpcHandlers(
  ipc: IpcRegistrar,
  dispatcher: Pick<Dispatcher, 'channels' | 'invoke'>,
  options: IpcBridgeOptions = {},
): () => void {
  const registered: string[] = []
  for (const channel of dispatcher.channels) {
    const name = ipcChannel(channel)
    ipc.handle(name, async (event, payload) => {
      if (options.isTrustedSender && !options.isTrustedSender(senderUrl(event))) {
        return {
          ok: false,
          error: new ApiError('bad_request', 'Request refused: it did not come from the Loupe window.').toShape(),
        }
      }
      if (options.authorize) {
        const refusal = await authorize(options.authorize, channel, payload)
        if (refusal) return { ok: false, error: refusal.toShape() }
      }
      return dispatcher.invoke(channel, payload)
    })
    registered.push(name)
  }
  return () => {
    for (const name of registered) ipc.removeHandler?.(name)
  }
}

async function authorize(
  check: NonNullable<IpcBridgeOptions['authorize']>,
  channel: string,
  payload: unknown,
): Promise<ApiError | null> {
  try {
    return await check(channel, payload)
  } catch (error) {
    // Whatever went wrong, the request was not cleared, so it does not run.
    return new ApiError('internal', `Could not check the request: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function senderUrl(event: InvokeEventLike): string {
  try {
    return event.senderFrame?.url ?? ''
  } catch {
    return '' // a frame disposed while its request was in flight
  }
}

/** What events are pushed to: a window's `webContents` in the app. */
export interface EventSink {
  send(channel: string, message: { event: string; payload: unknown }): void
  isDestroyed(): boolean
}

/** Pushes every event of the bus to the sink until the returned function is called or the sink is destroyed. */
export function forwardEvents(events: { subscribe(listener: EventListener): () => void }, sink: EventSink): () => void {
  const unsubscribe = events.subscribe((event, payload) => {
    if (sink.isDestroyed()) return
    sink.send(IPC_EVENT_CHANNEL, { event, payload })
  })
  return unsubscribe
}
