import { LOCALE_CHOICES, setLocaleChoice, useLocaleChoice, type Locale, type LocaleChoice } from './locale'
import { t } from './t'

/** Each language by its own name, so that someone who cannot read the current one still finds theirs. */
const ENDONYMS: Record<Locale, string> = {
  en: 'English', // i18n-exempt: a language's name in itself
  'zh-CN': '简体中文', // i18n-exempt: a language's name in itself
}

/** The window's language, remembered across sessions; a change reloads the window into it. */
export function LanguageSwitch() {
  const choice = useLocaleChoice()
  return (
    <select
      className="select language-switch"
      aria-label={t('i18n.switch.label')}
      title={t('i18n.switch.title')}
      data-testid="language-switch"
      value={choice}
      onChange={(event) => setLocaleChoice(event.target.value as LocaleChoice)}
    >
      {LOCALE_CHOICES.map((option) => (
        <option key={option} value={option}>
          {option === 'system' ? t('i18n.switch.system') : ENDONYMS[option]}
        </option>
      ))}
    </select>
  )
}
