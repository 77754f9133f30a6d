import type { DicomMeasurementRow } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'

/** `loupe measurements [ID...]`: every measurement of those images (of all images without ids) with its values. */
export async function measurementsCommand(loupe: Loupe, imageIds: number[], output: Output): Promise<void> {
  const rows = await loupe.client.api.dicom.measurements(imageIds.length ? { imageIds } : {})
  output.result(rows, () => (rows.length ? rows.map(describe).join('\n') : 'No measurements on these images.'))
}

function describe({ imageId, fileName, frame, instanceNumber, measurement, values }: DicomMeasurementRow): string {
  const where = [`image ${imageId}`, fileName, frame > 0 ? `frame ${frame + 1}` : null, instanceNumber === null ? null : `instance ${instanceNumber}`]
  const unit = values.lengthUnit
  const parts: string[] = []
  if (values.kind === 'length') parts.push(`${fixed(values.lengths[0])} ${unit}`)
  if (values.kind === 'rectangle' || values.kind === 'ellipse') {
    parts.push(`${fixed(values.lengths[0])} × ${fixed(values.lengths[1])} ${unit}`, `area ${fixed(values.area)} ${unit}²`)
  }
  if (values.angleDegrees !== null) parts.push(`${fixed(values.angleDegrees)}°`)
  if (values.stats) {
    const { mean, sd, min, max, pixels } = values.stats
    const valueUnit = values.valueUnit ? ` ${values.valueUnit}` : ''
    parts.push(`mean ${fixed(mean)} ± ${fixed(sd)}${valueUnit} (min ${fixed(min)}, max ${fixed(max)}, ${pixels} pixels)`)
  }
  const line = `${where.filter(Boolean).join(', ')}: ${measurement.kind} #${measurement.id} ${parts.join(', ')}`
  return values.note ? `${line}\n  note: ${values.note}` : line
}

function fixed(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : String(Number(value.toFixed(2)))
}
