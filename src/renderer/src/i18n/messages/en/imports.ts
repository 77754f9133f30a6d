/** imports's English messages: the source every other language translates. */
export const imports = {} as const
