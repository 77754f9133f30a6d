/** ui's English messages: the source every other language translates. */
export const ui = {} as const
