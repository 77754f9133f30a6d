import { createStore } from '../ui/createStore'

/** How the window is coloured: as the system says (`prefers-color-scheme`), or always light, or always dark. */
export type ThemeChoice = 'system' | 'light' | 'dark'

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark']

/** Also read by public/theme-boot.js, which applies a Light or Dark choice before the first frame. */
const STORAGE_KEY = 'loupe.theme'

function isThemeChoice(value: unknown): value is ThemeChoice {
  return THEME_CHOICES.includes(value as ThemeChoice)
}

/** The choice kept from an earlier session; anything unreadable there means the system's. */
function storedThemeChoice(): ThemeChoice {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')
    return isThemeChoice(stored) ? stored : 'system'
  } catch {
    return 'system'
  }
}

/** theme.css reads the attribute: "light" or "dark" fixes the colour scheme, "system" leaves it to the system. */
function applyThemeChoice(choice: ThemeChoice): void {
  document.documentElement.dataset.theme = choice
}

const themeStore = createStore({ choice: storedThemeChoice() })

/** Called once before the first render; marks "system" too, which theme-boot.js leaves to theme.css. */
export function applyStoredThemeChoice(): void {
  applyThemeChoice(themeStore.current().choice)
}

export function setThemeChoice(choice: ThemeChoice): void {
  applyThemeChoice(choice)
  themeStore.update({ choice })
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(choice))
  } catch {
    // Storage full or unavailable: the choice holds until the window is reloaded.
  }
}

export const useThemeChoice = (): ThemeChoice => themeStore.use().choice
