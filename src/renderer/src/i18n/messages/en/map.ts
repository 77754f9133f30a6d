/** map's English messages: the source every other language translates. */
export const map = {} as const
