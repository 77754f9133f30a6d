import { activeLocale } from '../i18n/locale'

const dateTime = new Intl.DateTimeFormat(activeLocale(), { dateStyle: 'medium', timeStyle: 'short' })

/** "7 Dec 2026, 09:54" in English, "2026年12月7日 09:54" in Chinese; text that is no date stays as it is. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date)
}
