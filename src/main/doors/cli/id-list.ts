/** The image ids of a `--ids 1,2,3` option, each once, or undefined when the text is not such a list. */
export function parseIdList(text: string): number[] | undefined {
  const parts = text.split(',').map((part) => part.trim())
  return parts.every((part) => /^[1-9]\d*$/.test(part)) ? [...new Set(parts.map(Number))] : undefined
}
