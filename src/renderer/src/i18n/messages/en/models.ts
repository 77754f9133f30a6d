/** models's English messages: the source every other language translates. */
export const models = {} as const
