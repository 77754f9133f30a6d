/** exportDialog's English messages: the source every other language translates. */
export const exportDialog = {} as const
