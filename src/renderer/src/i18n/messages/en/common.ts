/** common's English messages: the source every other language translates. */
export const common = {} as const
