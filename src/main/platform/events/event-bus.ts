import type { EventName, EventPayload } from '../../../shared/api/contract'

export type EventListener = (event: EventName, payload: unknown) => void

/**
 * The contract's pushed events, emitted by the service that made the change (so every reaction happens however the
 * write was made: an API call, the CLI, a job or another service) and fanned out to reactions and transports.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>()
  private pending: Map<string, [EventName, unknown]> | null = null

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (this.pending) {
      // Inside a batch the same change is announced once, after the batch, in first-emitted order.
      this.pending.set(`${event}\u0000${JSON.stringify(payload)}`, [event, payload])
      return
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload)
      } catch (error) {
        // One broken reaction must not stop the others nor fail the write that already happened.
        console.error(`A listener of "${event}" failed:`, error)
      }
    }
  }

  /** Runs `work`, holding back its events until it returns, then emits each distinct one once. */
  batch<T>(work: () => T): T {
    if (this.pending) return work()
    this.pending = new Map()
    try {
      return work()
    } finally {
      const held = [...this.pending.values()]
      this.pending = null
      for (const [event, payload] of held) this.emit(event, payload as EventPayload<typeof event>)
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** A reaction to one event, typed by the contract. */
  on<E extends EventName>(event: E, reaction: (payload: EventPayload<E>) => void): () => void {
    return this.subscribe((name, payload) => {
      if (name === event) reaction(payload as EventPayload<E>)
    })
  }
}
