/** indexing's English messages: the source every other language translates. */
export const indexing = {} as const
