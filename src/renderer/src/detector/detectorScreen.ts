import { screens } from '../screens/screens'

export type DetectorTab = 'train' | 'versions' | 'find'

/** Both have defaults: the Train tab, and under Versions the active version (or the newest). */
export interface DetectorParams {
  tab?: DetectorTab
  versionId?: number | null
}

declare module '../screens/screens' {
  interface ScreenParams {
    detector: DetectorParams
  }
}

export function showDetectorTab(tab: DetectorTab): void {
  screens.update('detector', { tab })
}

/** Shows one version's evaluation under Versions. */
export function showDetectorVersion(versionId: number): void {
  screens.update('detector', { tab: 'versions', versionId })
}
