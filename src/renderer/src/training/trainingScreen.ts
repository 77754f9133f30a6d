import { screens } from '../screens/screens'

export type TrainingTab = 'train' | 'versions' | 'prelabel'

/** Both have defaults: the Train tab, and under Versions the active version (or the newest). */
export interface TrainingParams {
  tab?: TrainingTab
  versionId?: number | null
}

declare module '../screens/screens' {
  interface ScreenParams {
    training: TrainingParams
  }
}

/** Shows one version's evaluation under Versions. */
export function showVersion(versionId: number): void {
  screens.update('training', { tab: 'versions', versionId })
}

/** Shows another tab of the view. */
export function showTrainingTab(tab: TrainingTab): void {
  screens.update('training', { tab })
}
