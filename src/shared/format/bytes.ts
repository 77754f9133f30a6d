const BYTE_UNITS = ['KB', 'MB', 'GB', 'TB']

/** Decimal units, as file managers show them: 1 KB = 1000 bytes. Shared so the app and the CLI say sizes alike. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  let value = bytes
  let unit = ''
  for (const next of BYTE_UNITS) {
    value /= 1000
    unit = next
    if (value < 1000) break
  }
  return `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${unit}`
}
