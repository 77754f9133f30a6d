/** catalog's English messages: the source every other language translates. */
export const catalog = {} as const
