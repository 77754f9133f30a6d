import type { MeasurementKind, MeasurementValues } from '../../../../shared/api/schemas'
import type { MessageKey } from '../../i18n/catalog-types'
import { t } from '../../i18n/t'

export const KIND_NAMES: Record<MeasurementKind, MessageKey> = {
  length: 'reader.measure.kind.length',
  rectangle: 'reader.measure.kind.rectangle',
  ellipse: 'reader.measure.kind.ellipse',
  angle: 'reader.measure.kind.angle',
}

/** Values as a reader reads them: one decimal under 100, whole numbers above, thousands grouped, a real minus sign. */
export function formatValue(value: number): string {
  const decimals = Math.abs(value) < 100 ? 1 : 0
  const text = new Intl.NumberFormat('en', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value)
  return text.replace('-', '−')
}

const withUnit = (value: number, unit: string | null) => (unit ? `${formatValue(value)} ${unit}` : formatValue(value))

/**
 * The lines a measurement's label shows next to it on the image ("42.3 mm"; "Area 120 mm²", "Mean 38.2 ± 12.1 HU",
 * "Min −10.0 · max 80.0"; "37.5°"; nothing for an angle without one). Lengths in pixels say "px", so an image without spacing is never read as mm.
 */
export function measurementLabel(values: MeasurementValues): string[] {
  const unit = values.lengthUnit
  switch (values.kind) {
    case 'length':
      return [withUnit(values.lengths[0] ?? 0, unit)]
    case 'angle':
      // No value while an arm has no length (the second arm just started at the vertex).
      return values.angleDegrees === null ? [] : [`${formatValue(values.angleDegrees)}°`]
    case 'rectangle':
    case 'ellipse': {
      const lines = [t('reader.measure.area', { value: withUnit(values.area ?? 0, `${unit}²`) })]
      const stats = values.stats
      if (stats) {
        lines.push(t('reader.measure.mean', { mean: formatValue(stats.mean), sd: withUnit(stats.sd, values.valueUnit) }))
        lines.push(t('reader.measure.range', { min: formatValue(stats.min), max: formatValue(stats.max) }))
      }
      return lines
    }
  }
}

/** The label in one line, for the list: "Area 120 mm² · Mean 38.2 ± 12.1 HU · Min −10.0 · max 80.0". */
export const measurementSummary = (values: MeasurementValues): string => measurementLabel(values).join(' · ')
