/** anomaly's English messages: the source every other language translates. */
export const anomaly = {} as const
