/** annotate's English messages: the source every other language translates. */
export const annotate = {} as const
