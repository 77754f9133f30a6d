import { parentPort, type TransferListItem } from 'node:worker_threads'
import {
  serializeError,
  type MethodMap,
  type ProgressMessage,
  type ProgressOf,
  type ReplyMessage,
  type RequestMessage,
} from './protocol'

/** A reply whose buffers are moved to the caller rather than copied. */
export class Transferring<T> {
  constructor(
    readonly value: T,
    readonly transfer: readonly TransferListItem[],
  ) {}
}

/** Each method's handler; `progress` sends a progress message to the call's caller (see MethodMap). */
export type Handlers<M extends MethodMap> = {
  [K in keyof M]: (
    args: M[K]['args'],
    progress: (update: ProgressOf<M[K]>) => void,
  ) => Promise<M[K]['result'] | Transferring<M[K]['result']>>
}

/**
 * The worker side of WorkerClient: answers each request with its method's handler, one at a time and in order, so a
 * worker holds one piece of work's memory at once. A handler's error goes back to the caller (see serializeError).
 */
export function serveRequests<M extends MethodMap>(handlers: Handlers<M>): void {
  const port = parentPort
  if (!port) throw new Error('serveRequests must run in a worker thread')
  let queue = Promise.resolve()
  port.on('message', (request: RequestMessage) => {
    queue = queue.then(async () => {
      let reply: ReplyMessage
      let transfer: readonly TransferListItem[] = []
      try {
        const handler = Object.hasOwn(handlers, request.method) ? handlers[request.method as keyof M] : undefined
        if (!handler) throw new Error(`this worker has no method "${request.method}"`)
        const progress = (update: unknown) => port.postMessage({ id: request.id, progress: update } satisfies ProgressMessage)
        const result = await handler(request.args as M[keyof M]['args'], progress)
        if (result instanceof Transferring) {
          reply = { id: request.id, ok: true, value: result.value }
          transfer = result.transfer
        } else {
          reply = { id: request.id, ok: true, value: result }
        }
      } catch (error) {
        reply = { id: request.id, ok: false, error: serializeError(error) }
      }
      port.postMessage(reply, transfer)
    })
  })
}
