import { scaleBytes } from '../../../shared/format/bytes'
import { t } from '../i18n/t'
import { activeLocale } from '../i18n/locale'

const integer = new Intl.NumberFormat(activeLocale())

/** A count in the page's language: "12,040" (and so in Chinese; other languages group differently). */
export const formatCount = (n: number): string => integer.format(n)

/** Decimal units, as file managers show them (1 KB = 1000 bytes), with the page's digits: "1.50 MB", "12 字节". */
export function formatBytes(bytes: number): string {
  const scaled = scaleBytes(bytes)
  if (!scaled) return t('format.bytes', { count: bytes })
  const digits = scaled.fractionDigits
  const value = new Intl.NumberFormat(activeLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(scaled.value)
  return t('format.size', { value, unit: scaled.unit })
}

export function formatRate(itemsPerSecond: number): string {
  const rate = itemsPerSecond < 10 ? new Intl.NumberFormat(activeLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(itemsPerSecond) : formatCount(Math.round(itemsPerSecond))
  return t('format.rate', { rate })
}

/** A rough, human remaining time: "about 12 s", "about 3 min", "about 1 h 5 min". */
export function formatEta(seconds: number): string {
  if (seconds < 1) return t('format.eta.almostDone')
  if (seconds < 60) return t('format.eta.seconds', { seconds: Math.ceil(seconds) })
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return t('format.eta.minutes', { minutes })
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest === 0 ? t('format.eta.hours', { hours }) : t('format.eta.hoursMinutes', { hours, minutes: rest })
}
