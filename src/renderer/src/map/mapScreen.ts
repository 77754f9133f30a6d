import { screens } from '../screens/screens'

/** The map has nothing to open with: it always shows the active model's map. */
export type MapParams = Record<never, never>

declare module '../screens/screens' {
  interface ScreenParams {
    map: MapParams
  }
}

/** Shows the embedding map of the active model over the library. */
export function openMap(): void {
  screens.open('map')
}
