import type { ClassifierSummary } from '../../../shared/api/schemas'
import { t } from '../i18n/t'

/** 0.9412 → "94.1%"; whole percentages lose their ".0". */
export function formatPercent(fraction: number): string {
  const percent = Math.round(fraction * 1000) / 10
  return `${percent}%`
}

/** Precision, recall, F1: two decimals, as papers print them. */
export const formatScore = (value: number): string => value.toFixed(2)

export const STOP_REASON_NAMES: Record<ClassifierSummary['stoppedBy'], string> = {
  'early-stopping': t('training.stopReason.earlyStopping'),
  'max-epochs': t('training.stopReason.maxEpochs'),
  cancelled: t('training.stopReason.cancelled'),
  imported: t('training.stopReason.imported'),
}

/** 0.4 → "0.4 s", 75 → "1 min 15 s". */
export function formatDuration(seconds: number): string {
  // Under ten seconds a tenth still says something; the digits are kept as they are, not regrouped.
  if (seconds < 60) return t('training.duration.seconds', { seconds: seconds < 10 ? seconds.toFixed(1) : String(Math.round(seconds)) })
  const minutes = Math.floor(seconds / 60)
  const rest = Math.round(seconds % 60)
  return rest === 0 ? t('training.duration.minutes', { minutes }) : t('training.duration.minutesSeconds', { minutes, seconds: rest })
}
