/** folders's English messages: the source every other language translates. */
export const folders = {} as const
