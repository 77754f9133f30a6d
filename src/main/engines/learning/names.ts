/** What the library, the predictions and exports call a classifier version. */
export function classifierName(id: number): string {
  return `classifier-${id}`
}
