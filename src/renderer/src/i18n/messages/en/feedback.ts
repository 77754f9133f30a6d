/** feedback's English messages: the source every other language translates. */
export const feedback = {} as const
