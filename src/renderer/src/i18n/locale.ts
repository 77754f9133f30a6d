import { createStore } from '../ui/createStore'

/** The languages the renderer's catalogue is complete in. */
export const LOCALES = ['en', 'zh-CN'] as const
export type Locale = (typeof LOCALES)[number]

/** What a person chose: the system's language, or one of ours. */
export type LocaleChoice = 'system' | Locale
export const LOCALE_CHOICES: readonly LocaleChoice[] = ['system', ...LOCALES]

const STORAGE_KEY = 'loupe.language'

function isLocaleChoice(value: unknown): value is LocaleChoice {
  return LOCALE_CHOICES.includes(value as LocaleChoice)
}

/**
 * The first of the system's preferred languages that we speak, English when none is. Every Chinese tag reads the
 * Simplified catalogue (there is no Traditional one yet, and it serves a zh-TW reader better than English would).
 */
export function systemLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const language = tag.toLowerCase().split(/[-_]/)[0]
    if (language === 'zh') return 'zh-CN'
    if (language === 'en') return 'en'
  }
  return 'en'
}

export function resolveLocale(choice: LocaleChoice, languages: readonly string[]): Locale {
  return choice === 'system' ? systemLocale(languages) : choice
}

function storedLocaleChoice(): LocaleChoice {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')
    return isLocaleChoice(stored) ? stored : 'system'
  } catch {
    return 'system'
  }
}

const systemLanguages = (): readonly string[] => (typeof navigator === 'undefined' ? [] : navigator.languages)

// The language is fixed for the life of the page: every string, number and date the renderer formats reads it, so a
// change reloads the page rather than leaving text in two languages behind memoised views.
const choiceStore = createStore({ choice: storedLocaleChoice() })
const pageLocale: Locale = resolveLocale(choiceStore.current().choice, systemLanguages())

/** The language this page speaks. */
export const activeLocale = (): Locale => pageLocale

/** Marks the document's language (screen readers, and the CJK glyph choice of fonts), before the first render. */
export function applyPageLocale(): void {
  document.documentElement.lang = pageLocale
}

/** Keeps the choice and reloads into it when it changes the language shown (nothing unsaved lives in the page). */
export function setLocaleChoice(choice: LocaleChoice): void {
  choiceStore.update({ choice })
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(choice))
  } catch {
    // Storage full or unavailable: the choice cannot outlive this page, so there is nothing to reload into.
    return
  }
  if (resolveLocale(choice, systemLanguages()) !== pageLocale) location.reload()
}

export const useLocaleChoice = (): LocaleChoice => choiceStore.use().choice
