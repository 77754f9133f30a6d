import { screens } from '../screens/screens'

/** Which anomaly model version is evaluated; by default the newest. */
export interface AnomalyEvaluationParams {
  modelId?: number | null
}

declare module '../screens/screens' {
  interface ScreenParams {
    anomalyEvaluation: AnomalyEvaluationParams
  }
}

export function openAnomalyEvaluation(): void {
  screens.open('anomalyEvaluation')
}
