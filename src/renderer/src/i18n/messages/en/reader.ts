/** reader's English messages: the source every other language translates. */
export const reader = {} as const
