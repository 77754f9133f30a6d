/** training's English messages: the source every other language translates. */
export const training = {} as const
