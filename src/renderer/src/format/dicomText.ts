import { t } from '../i18n/t'

/** DICOM values (PS3.5 §6.2 value representations) as people read them. */

/** "Family^Given^Middle^Prefix^Suffix" → "Family, Given Middle"; only the first (alphabetic) representation. */
export function personName(value: string | null): string | null {
  if (!value) return null
  const alphabetic = value.split('=').find((part) => part.replace(/\^/g, '').trim() !== '') ?? ''
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = alphabetic.split('^').map((part) => part.trim())
  const first = [prefix, given, middle].filter(Boolean).join(' ')
  const name = [family, first].filter(Boolean).join(', ')
  return name ? [name, suffix].filter(Boolean).join(' ') : null
}

/** DA "20040119" (or ACR-NEMA's "2004.01.19") → "2004-01-19"; anything else as it is. */
export function dicomDate(value: string | null): string | null {
  if (!value) return null
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim())
  return match ? `${match[1]}-${match[2]}-${match[3]}` : value
}

/** TM "072730.5" → "07:27:30.5"; anything else as it is. */
export function dicomTime(value: string): string {
  const match = /^(\d{2}):?(\d{2})?:?(\d{2})?(\.\d+)?$/.exec(value.trim())
  if (!match) return value
  return [match[1], match[2], match[3]].filter((part) => part !== undefined).join(':') + (match[4] ?? '')
}

/** A decimal string without the trailing zeros some devices pad it with: "5.000000" → "5". */
function tidyNumber(text: string): string {
  return /^[+-]?\d+\.\d+$/.test(text.trim()) ? String(Number(text)) : text.trim()
}

// i18n-exempt: DICOM keywords
const MILLIMETRE_KEYWORDS = new Set(['SliceThickness', 'SpacingBetweenSlices', 'SliceLocation'])

/** A value of the metadata panel's main tags, formatted by what its keyword says it is. */
export function formatTagValue(keyword: string, value: string): string {
  if (keyword.endsWith('Date')) return dicomDate(value) ?? value
  if (keyword.endsWith('Time') && keyword !== 'ExposureTime') return dicomTime(value)
  if (keyword.endsWith('Name') && value.includes('^')) return personName(value) ?? value
  const parts = value.split('\\').map(tidyNumber)
  if (keyword === 'PixelSpacing' || keyword === 'ImagerPixelSpacing') return `${parts.join(' × ')} mm`
  if (MILLIMETRE_KEYWORDS.has(keyword)) return `${parts.join(', ')} mm`
  return parts.join(', ')
}

/** How the series tree and the library's title name a series: "CT #2 · Plain 5 mm". */
export function seriesName(series: { modality: string | null; seriesNumber: number | null; seriesDescription: string | null }): string {
  const head = [series.modality, series.seriesNumber === null ? null : `#${series.seriesNumber}`].filter(Boolean).join(' ')
  return [head || t('format.series.unnamed'), series.seriesDescription].filter(Boolean).join(' · ')
}

/** A series beside its modality: "#2 · Plain 5 mm". */
export function seriesLabel(series: { seriesNumber: number | null; seriesDescription: string | null }): string {
  const number = series.seriesNumber === null ? null : `#${series.seriesNumber}`
  return [number, series.seriesDescription].filter(Boolean).join(' · ') || t('format.series.unnumbered')
}
