import { setThemeChoice, THEME_CHOICES, useThemeChoice, type ThemeChoice } from './themeChoice'

const CHOICE_NAMES: Record<ThemeChoice, string> = { system: 'System theme', light: 'Light', dark: 'Dark' }

/** The window's colour scheme, remembered across sessions. */
export function ThemeSwitch() {
  const choice = useThemeChoice()
  return (
    <select
      className="select theme-switch"
      aria-label="Theme"
      title="Light or dark window; System follows the operating system's setting"
      data-testid="theme-switch"
      value={choice}
      onChange={(event) => setThemeChoice(event.target.value as ThemeChoice)}
    >
      {THEME_CHOICES.map((option) => (
        <option key={option} value={option}>
          {CHOICE_NAMES[option]}
        </option>
      ))}
    </select>
  )
}
