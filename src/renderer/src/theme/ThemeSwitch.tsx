import type { MessageKey } from '../i18n/catalog-types'
import { t } from '../i18n/t'
import { setThemeChoice, THEME_CHOICES, useThemeChoice, type ThemeChoice } from './themeChoice'

const CHOICE_NAMES: Record<ThemeChoice, MessageKey> = { system: 'theme.choice.system', light: 'theme.choice.light', dark: 'theme.choice.dark' }

/** The window's colour scheme, remembered across sessions. */
export function ThemeSwitch() {
  const choice = useThemeChoice()
  return (
    <select
      className="select theme-switch"
      aria-label={t('theme.switch.label')}
      title={t('theme.switch.title')}
      data-testid="theme-switch"
      value={choice}
      onChange={(event) => setThemeChoice(event.target.value as ThemeChoice)}
    >
      {THEME_CHOICES.map((option) => (
        <option key={option} value={option}>
          {t(CHOICE_NAMES[option])}
        </option>
      ))}
    </select>
  )
}
