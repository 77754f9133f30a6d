/** The language switch. */
export const i18n = {
  'switch.label': 'Language',
  'switch.title': 'The window’s language; System language follows the operating system',
  'switch.system': 'System language',
} as const
