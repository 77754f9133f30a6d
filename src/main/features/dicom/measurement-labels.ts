import type { MeasurementValues } from '../../../shared/api/schemas'

/** A value for people: a few significant decimals, none beyond what the pixel grid can tell. */
export function rounded(value: number, decimals = 2): string {
  return String(Number(value.toFixed(decimals)))
}

/** What a measurement comes to in a few words, drawn beside it: "33.07 mm", "12.3 mm² · 45.2 ± 3.1 HU", "90°". */
export function shortLabel(values: MeasurementValues): string {
  const unit = values.lengthUnit
  switch (values.kind) {
    case 'length':
      return `${rounded(values.lengths[0] ?? 0)} ${unit}`
    case 'angle':
      return values.angleDegrees === null ? '–' : `${rounded(values.angleDegrees, 1)}°`
    case 'rectangle':
    case 'ellipse': {
      const area = `${rounded(values.area ?? 0, 1)} ${unit}²`
      if (!values.stats) return area
      const valueUnit = values.valueUnit ? ` ${values.valueUnit}` : ''
      return `${area} · ${rounded(values.stats.mean, 1)} ± ${rounded(values.stats.sd, 1)}${valueUnit}`
    }
  }
}
