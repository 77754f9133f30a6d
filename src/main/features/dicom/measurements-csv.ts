import type { DicomMeasurementRow } from '../../../shared/api/schemas'

const COLUMNS = [
  'file',
  'frame',
  'instance',
  'kind',
  'points',
  'length_1',
  'length_2',
  'length_unit',
  'area',
  'area_unit',
  'angle_degrees',
  'mean',
  'sd',
  'min',
  'max',
  'value_unit',
  'pixels',
  'note',
] as const

/**
 * measurements.csv of an export (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted): one row
 * per measurement, named by the exported file it was drawn on, never by anything of the patient's. Frames are counted
 * from 1, as the exported files' names count them; points are "x y" pairs in the picture's pixels.
 */
export function measurementsCsv(rows: readonly DicomMeasurementRow[], exportedName: (imageId: number) => string): string {
  const lines = [COLUMNS.join(',')]
  for (const { imageId, frame, instanceNumber, measurement, values } of rows) {
    const { stats } = values
    const sized = values.lengths.length > 0 || values.area !== null
    const fields: Record<(typeof COLUMNS)[number], string | number | null | undefined> = {
      file: exportedName(imageId),
      frame: frame + 1,
      instance: instanceNumber,
      kind: measurement.kind,
      points: measurement.points.map(({ x, y }) => `${x} ${y}`).join('; '),
      length_1: values.lengths[0],
      length_2: values.lengths[1],
      length_unit: sized ? values.lengthUnit : null,
      area: values.area,
      area_unit: values.area === null ? null : `${values.lengthUnit}²`,
      angle_degrees: values.angleDegrees,
      mean: stats?.mean,
      sd: stats?.sd,
      min: stats?.min,
      max: stats?.max,
      value_unit: stats ? values.valueUnit : null,
      pixels: stats?.pixels,
      note: values.note,
    }
    lines.push(COLUMNS.map((column) => csvField(fields[column])).join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'number' ? String(Math.round(value * 10_000) / 10_000) : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
