import { describe, expect, it } from 'vitest'
import type { MeasurementValues } from '../../../../src/shared/api/schemas'
import { formatValue, measurementLabel, measurementSummary } from '../../../../src/renderer/src/reader/measure/measureLabel'

const values = (partial: Partial<MeasurementValues> & Pick<MeasurementValues, 'kind'>): MeasurementValues => ({
  lengths: [],
  area: null,
  lengthUnit: 'mm',
  angleDegrees: null,
  stats: null,
  valueUnit: null,
  note: null,
  ...partial,
})

describe('measurement labels', () => {
  it('formats values with one decimal under 100, whole above, and a real minus sign', () => {
    expect(formatValue(42.345)).toBe('42.3')
    expect(formatValue(1234.5)).toBe('1,235')
    expect(formatValue(-12.04)).toBe('−12.0')
  })

  it('labels a length in mm, or in px when the image has no spacing', () => {
    expect(measurementLabel(values({ kind: 'length', lengths: [42.31] }))).toEqual(['42.3 mm'])
    expect(measurementLabel(values({ kind: 'length', lengths: [42.31], lengthUnit: 'px' }))).toEqual(['42.3 px'])
  })

  it('labels a region with its area and its values’ mean, SD, min and max in their unit', () => {
    const region = values({
      kind: 'ellipse',
      lengths: [10, 12],
      area: 94.25,
      valueUnit: 'HU',
      stats: { mean: 38.24, sd: 12.06, min: -10, max: 80, pixels: 120 },
    })
    expect(measurementLabel(region)).toEqual(['Area 94.3 mm²', 'Mean 38.2 ± 12.1 HU', 'Min −10.0 · max 80.0'])
    expect(measurementSummary(region)).toBe('Area 94.3 mm² · Mean 38.2 ± 12.1 HU · Min −10.0 · max 80.0')
    // Stored values without a unit are not given one; a colour image has no statistics.
    expect(measurementLabel({ ...region, valueUnit: null })[1]).toBe('Mean 38.2 ± 12.1')
    expect(measurementLabel({ ...region, stats: null, lengthUnit: 'px' })).toEqual(['Area 94.3 px²'])
  })

  it('labels an angle in degrees', () => {
    expect(measurementLabel(values({ kind: 'angle', angleDegrees: 90 }))).toEqual(['90.0°'])
    expect(measurementLabel(values({ kind: 'angle', angleDegrees: null }))).toEqual([])
  })
})
