import { screens } from '../screens/screens'

export type AnomalyTab = 'learn' | 'models' | 'evaluate'

/** All have defaults: the Learn tab, no images brought from the library, and under Models and Evaluate the version in use. */
export interface AnomalyParams {
  tab?: AnomalyTab
  /** Images the library had selected when "Learn as good…" opened the view: the Learn tab starts from them. */
  goodImageIds?: readonly number[] | null
  modelId?: number | null
}

declare module '../screens/screens' {
  interface ScreenParams {
    anomaly: AnomalyParams
  }
}

export function showAnomalyTab(tab: AnomalyTab): void {
  screens.update('anomaly', { tab })
}

/** Shows one version under Models, with its threshold. */
export function showAnomalyModel(modelId: number): void {
  screens.update('anomaly', { tab: 'models', modelId })
}

/** Opens the view to learn "good" from these library images. */
export function learnAsGood(imageIds: readonly number[]): void {
  screens.open('anomaly', { tab: 'learn', goodImageIds: imageIds })
}

/** Opens the view on how well a version separates the images labelled good from the defective ones. */
export function openAnomalyEvaluation(): void {
  screens.open('anomaly', { tab: 'evaluate' })
}
