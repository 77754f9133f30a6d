export { formatBytes } from '../../../shared/format/bytes'

const integer = new Intl.NumberFormat('en')

export const formatCount = (n: number): string => integer.format(n)

/** "1 image", "12,040 images". */
export const pluralize = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`

export function formatRate(itemsPerSecond: number): string {
  return `${itemsPerSecond < 10 ? itemsPerSecond.toFixed(1) : formatCount(Math.round(itemsPerSecond))} items/s`
}

/** A rough, human remaining time: "about 12 s", "about 3 min", "about 1 h 5 min". */
export function formatEta(seconds: number): string {
  if (seconds < 1) return 'almost done'
  if (seconds < 60) return `about ${Math.ceil(seconds)} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `about ${minutes} min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest === 0 ? `about ${hours} h` : `about ${hours} h ${rest} min`
}
