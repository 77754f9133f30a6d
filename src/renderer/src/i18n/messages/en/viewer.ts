/** viewer's English messages: the source every other language translates. */
export const viewer = {} as const
