/** jobs's English messages: the source every other language translates. */
export const jobs = {} as const
