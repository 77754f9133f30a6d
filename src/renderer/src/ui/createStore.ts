import { useSyncExternalStore } from 'react'

/** State kept outside React's tree, for views mounted in one place and driven from others; `use` re-renders on change. */
export function createStore<State extends object>(initial: State) {
  let state = initial
  const listeners = new Set<() => void>()
  const subscribe = (listener: () => void) => {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }
  const current = (): State => state
  return {
    current,
    update(next: Partial<State>): void {
      state = { ...state, ...next }
      for (const listener of listeners) listener()
    },
    use: (): State => useSyncExternalStore(subscribe, current),
  }
}
