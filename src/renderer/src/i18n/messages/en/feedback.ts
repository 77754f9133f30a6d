/** feedback's English messages: the source every other language translates. */
export const feedback = {
  'connection.connecting': 'Connecting to Loupe…',
  'connection.lost': 'Connection lost — reconnecting…',
  'crash.title': 'Something went wrong in this window',
  'crash.reload': 'Reload Loupe',
  'toast.dismiss': 'Dismiss',
} as const
