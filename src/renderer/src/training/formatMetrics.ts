import type { ClassifierSummary } from '../../../shared/api/schemas'

/** 0.9412 → "94.1%"; whole percentages lose their ".0". */
export function formatPercent(fraction: number): string {
  const percent = Math.round(fraction * 1000) / 10
  return `${percent}%`
}

/** Precision, recall, F1: two decimals, as papers print them. */
export const formatScore = (value: number): string => value.toFixed(2)

export const STOP_REASON_NAMES: Record<ClassifierSummary['stoppedBy'], string> = {
  'early-stopping': 'Early stopping',
  'max-epochs': 'Max epochs',
  cancelled: 'Cancelled',
  imported: 'Imported',
}

/** 0.4 → "0.4 s", 75 → "1 min 15 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  if (seconds < 60) return `${Math.round(seconds)} s`
  const minutes = Math.floor(seconds / 60)
  const rest = Math.round(seconds % 60)
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
}
