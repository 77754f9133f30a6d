import { describe, expect, it } from 'vitest'
import { measurementsCsv } from '../../../../src/main/features/dicom/measurements-csv'
import type { DicomMeasurementRow } from '../../../../src/shared/api/schemas'
import { measurementValues } from '../../../../src/shared/measure/measurement-values'

const image = { width: 10, height: 10, values: new Float32Array(100).fill(7), pixelSpacing: null, units: 'a "unit", odd' }

function row(imageId: number, kind: 'length' | 'ellipse'): DicomMeasurementRow {
  const points = [{ x: 1, y: 2 }, { x: 4, y: 6 }]
  return {
    imageId,
    fileName: 'private name.dcm',
    frame: 2,
    seriesUid: '1.2.3',
    instanceNumber: 9,
    measurement: { id: imageId, kind, points },
    values: measurementValues(kind, points, image),
  }
}

describe('measurementsCsv', () => {
  it('writes one RFC 4180 row per measurement, quoting what needs it, named by the exported file', () => {
    const csv = measurementsCsv([row(1, 'length'), row(2, 'ellipse')], (imageId) => `image-000${imageId}, copy.png`)
    const lines = csv.split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines[1]).toBe(
      '"image-0001, copy.png",3,9,length,1 2; 4 6,5,,px,,,,,,,,,,No pixel spacing in this image: lengths and areas are in pixels.',
    )
    // An ellipse: sides, area in px², the stats and their unit, quoted with its quotes doubled.
    expect(lines[2]).toBe(
      '"image-0002, copy.png",3,9,ellipse,1 2; 4 6,3,4,px,9.4248,px²,,7,0,7,7,"a ""unit"", odd",8,' +
        'No pixel spacing in this image: lengths and areas are in pixels.',
    )
    expect(csv).not.toContain('private name')
    expect(csv).not.toContain('1.2.3')
  })
})
