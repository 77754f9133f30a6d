import type { EventName, EventPayload, LoupeApi } from '../../../shared/api/contract'
import { createApi } from '../../../shared/api/client'
import type { EventBus } from '../events/event-bus'
import type { Dispatcher } from './dispatcher'

/** The typed client for callers in the same process (the CLI, tests, benchmarks): the same boundary as the UI's. */
export interface InProcessClient {
  api: LoupeApi
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export function createInProcessClient(dispatcher: Dispatcher, events: EventBus): InProcessClient {
  return {
    api: createApi((channel, payload) => dispatcher.invoke(channel, payload)),
    on: (event, listener) => events.on(event, listener),
  }
}
