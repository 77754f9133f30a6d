/** dicomExport's English messages: the source every other language translates. */
export const dicomExport = {} as const
