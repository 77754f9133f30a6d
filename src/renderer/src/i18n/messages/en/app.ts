/** The app's frame: the top bar, the screens and the connection. */
export const app = {
  'connection.failed': 'Loupe could not connect',
} as const
