/** The connection to the services: what a person hears when it cannot be made or drops. */
export const transport = {
  needsAccessLink: 'This page needs the access link that Loupe printed when it started (it ends in #token=…). Open that link instead.',
  tooLarge: 'That request is too large for Loupe to accept (over 256 MiB); send it in parts.',
  dropped: 'The connection to Loupe dropped before it answered. Please try again.',
} as const
