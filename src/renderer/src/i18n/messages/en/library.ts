/** library's English messages: the source every other language translates. */
export const library = {} as const
