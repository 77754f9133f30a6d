/** detector's English messages: the source every other language translates. */
export const detector = {} as const
