import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat'
import { Children, type ReactNode } from 'react'
import type { MessageKey } from './catalog-types'
import { activeLocale, type Locale } from './locale'
import { english } from './messages/en'
import { simplifiedChinese } from './messages/zh-CN'

const CATALOGS: Record<Locale, Record<string, Record<string, string>>> = { en: english, 'zh-CN': simplifiedChinese }

export type MessageValues = Record<string, PrimitiveType>

const compiled = new Map<string, IntlMessageFormat>()

/** The message's ICU source in a language; split at the first dot, as keys are "namespace.key.with.dots". */
export function messageSource(locale: Locale, key: string): string {
  const dot = key.indexOf('.')
  const source = CATALOGS[locale][key.slice(0, dot)]?.[key.slice(dot + 1)]
  if (source === undefined) throw new Error(`The ${locale} catalogue has no message ${key}.`)
  return source
}

function formatter(locale: Locale, key: string): IntlMessageFormat {
  const id = `${locale}\u0000${key}`
  let format = compiled.get(id)
  if (!format) {
    format = new IntlMessageFormat(messageSource(locale, key), locale)
    compiled.set(id, format)
  }
  return format
}

/**
 * A message of the catalogue in the page's language, its arguments filled in: `t('library.count', { count })` with
 * "{count, plural, one {# image} other {# images}}". Numbers and dates inside it follow the language's conventions.
 */
export function t(key: MessageKey, values?: MessageValues): string {
  return String(formatter(activeLocale(), key).format(values))
}

/** The same in a given language (tests, and checking a catalogue). */
export function tIn(locale: Locale, key: MessageKey, values?: MessageValues): string {
  return String(formatter(locale, key).format(values))
}

/**
 * A message with markup: tags in it (`Press <key>L</key> to measure`) become what `values` makes of their content,
 * so a translation can move them without the sentence being cut into pieces around them.
 */
export function tRich(key: MessageKey, values: Record<string, PrimitiveType | ReactNode | ((chunks: ReactNode[]) => ReactNode)>): ReactNode {
  const formatted = formatter(activeLocale(), key).format<ReactNode>(values as never)
  // Several parts come back as an array; keyed, so React can tell the tags' elements apart without each caller keying them.
  return Array.isArray(formatted) ? Children.toArray(formatted) : formatted
}
