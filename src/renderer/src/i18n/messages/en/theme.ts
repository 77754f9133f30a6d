/** The theme switch. */
export const theme = {
  'switch.label': 'Theme',
  'switch.title': 'Light or dark window; System follows the operating system’s setting',
  'choice.system': 'System theme',
  'choice.light': 'Light',
  'choice.dark': 'Dark',
} as const
