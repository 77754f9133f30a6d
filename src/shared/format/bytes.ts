const BYTE_UNITS = ['KB', 'MB', 'GB', 'TB']

/** A size of 1000 bytes or more in decimal units, as file managers show them (1 KB = 1000 bytes), to 3 digits. */
export interface ScaledSize {
  value: number
  unit: string
  fractionDigits: number
}

/** The unit a size reads in; null below 1000 bytes, which read as bytes. Shared so every door says sizes alike. */
export function scaleBytes(bytes: number): ScaledSize | null {
  if (bytes < 1000) return null
  let value = bytes
  let unit = ''
  for (const next of BYTE_UNITS) {
    value /= 1000
    unit = next
    if (value < 1000) break
  }
  return { value, unit, fractionDigits: value < 10 ? 2 : value < 100 ? 1 : 0 }
}

/** A size in English: "999 bytes", "1.50 KB", "25.3 MB" (the CLI's; the renderer says it in the page's language). */
export function formatBytes(bytes: number): string {
  const scaled = scaleBytes(bytes)
  if (!scaled) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  return `${scaled.value.toFixed(scaled.fractionDigits)} ${scaled.unit}`
}
