/** transport's English messages: the source every other language translates. */
export const transport = {} as const
