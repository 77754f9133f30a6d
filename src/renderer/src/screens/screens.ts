import { createStore } from '../ui/createStore'

/**
 * Every screen of the app by its id, with the parameters it is opened with. Only the library, at the bottom of
 * every stack, is declared here: each feature adds its own screen beside the view that shows it (TypeScript merges
 * the declarations, see annotate/annotateScreen.ts), so this module depends on none of them. app/ScreenHost mounts
 * them all.
 */
export interface ScreenParams {
  library: Record<never, never>
}

export type ScreenId = keyof ScreenParams

/** A screen that is open, with its parameters. */
export type OpenScreen = { [Id in ScreenId]: { id: Id; params: ScreenParams[Id] } }[ScreenId]

/** A screen whose parameters all have defaults can be opened without any. */
type OpenArguments<Id extends ScreenId> = Partial<ScreenParams[Id]> extends ScreenParams[Id] ? [params?: ScreenParams[Id]] : [params: ScreenParams[Id]]

interface ScreenState {
  /** Bottom first: the library, then each screen opened over the one before; the last one is shown. */
  stack: readonly OpenScreen[]
  /** The parameters each screen was last left with, so that one opened again comes back where it was. */
  left: Partial<ScreenParams>
}

const LIBRARY: OpenScreen = { id: 'library', params: {} }

/** Which screens are open, and how to open and close them; the app has one (`screens`, below). */
export function createScreens() {
  const store = createStore<ScreenState>({ stack: [LIBRARY], left: {} })
  return {
    /**
     * Shows a screen over the one on top, with `params` over those it was last left with. A screen that is open
     * already comes back to the top, closing those opened over it.
     */
    open<Id extends ScreenId>(id: Id, ...[params]: OpenArguments<Id>): void {
      const { stack, left } = store.current()
      const screen = { id, params: { ...left[id], ...params } } as OpenScreen
      const at = stack.findIndex((open) => open.id === id)
      const below = at < 0 ? stack : stack.slice(0, at)
      store.update({ stack: [...below, screen], left: { ...left, [id]: screen.params } })
    },

    /** Changes an open screen's parameters (the tab shown, the image stepped to); does nothing once it is closed. */
    update<Id extends ScreenId>(id: Id, changes: Partial<ScreenParams[Id]>): void {
      const { stack, left } = store.current()
      const open = stack.find((screen) => screen.id === id)
      if (!open) return
      const changed = { id, params: { ...open.params, ...changes } } as OpenScreen
      store.update({ stack: stack.map((screen) => (screen === open ? changed : screen)), left: { ...left, [id]: changed.params } })
    },

    /** Closes a screen and every screen opened over it. The library, at the bottom, cannot be closed. */
    close(id: Exclude<ScreenId, 'library'>): void {
      const { stack } = store.current()
      const at = stack.findIndex((screen) => screen.id === id)
      if (at > 0) store.update({ stack: stack.slice(0, at) })
    },

    /** The parameters the screen has now, or was last left with; undefined if it was never opened. */
    params<Id extends ScreenId>(id: Id): ScreenParams[Id] | undefined {
      return store.current().left[id] as ScreenParams[Id] | undefined
    },

    /** The open screens, bottom first. */
    stack: (): readonly OpenScreen[] => store.current().stack,

    /** The same, for a component: it re-renders when a screen opens, closes or changes. */
    useStack: (): readonly OpenScreen[] => store.use().stack,
  }
}

/** The app's screens: opening one is a single call, wherever it is made from. */
export const screens = createScreens()
