/** search's English messages: the source every other language translates. */
export const search = {} as const
