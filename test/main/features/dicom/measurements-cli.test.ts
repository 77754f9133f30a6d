import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLoupe } from '../../../../src/main/app/loupe'
import type { DicomExportResult, DicomMeasurementRow } from '../../../../src/shared/api/schemas'
import { loupeJsonAsync, runLoupeAsync } from '../../../support/cli'
import { importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'
import { DICOM_DIR } from '../../engines/dicom/helpers'

describe('loupe measurements', () => {
  it('prints the rows of dicom.measurements, of every image or the ones named, and refuses what is not an image', async () => {
    const ws = await tempDir('loupe-ws-')
    const loupe = await openLoupe({ workspaceDir: ws })
    let ct: number
    try {
      await importThroughApi(loupe, [join(DICOM_DIR, 'CT_small.dcm'), join(DICOM_DIR, 'MR_small.dcm')])
      const ids = loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 10 }).items.map((item) => item.id)
      ct = ids[0]!
      await loupe.client.api.annotations.addMeasurement({ imageId: ct, kind: 'length', points: [{ x: 0, y: 0 }, { x: 30, y: 40 }] })
      await loupe.client.api.annotations.addMeasurement({ imageId: ids[1]!, kind: 'rectangle', points: [{ x: 0, y: 0 }, { x: 8, y: 8 }] })
    } finally {
      await loupe.close()
    }

    const all = await loupeJsonAsync<DicomMeasurementRow[]>('--workspace', ws, 'measurements')
    expect(all.map((row) => [row.fileName, row.measurement.kind])).toEqual([
      ['CT_small.dcm', 'length'],
      ['MR_small.dcm', 'rectangle'],
    ])
    const [length] = await loupeJsonAsync<DicomMeasurementRow[]>('--workspace', ws, 'measurements', String(ct))
    expect(length).toMatchObject({ imageId: ct, values: { kind: 'length', lengthUnit: 'mm', note: null } })
    expect(length!.values.lengths[0]).toBeCloseTo(50 * 0.661468, 6)

    const text = await runLoupeAsync('--workspace', ws, 'measurements', String(ct))
    expect(text.stdout).toContain(`image ${ct}, CT_small.dcm, instance 1: length`)
    expect(text.stdout).toContain('33.07 mm')

    const notAnId = await runLoupeAsync('--workspace', ws, 'measurements', 'CT_small.dcm')
    expect(notAnId.code).not.toBe(0)
    expect(notAnId.stderr).toMatch(/measurements takes image ids/)
    const unknown = await runLoupeAsync('--workspace', ws, 'measurements', '999')
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toMatch(/There is no image 999/)

    // The scans' export carries them: measurements.csv, and drawn into the PNGs with --burn-in.
    const out = join(await tempDir(), 'scans')
    const exported = await loupeJsonAsync<DicomExportResult>('--workspace', ws, 'export-scans', out, '--burn-in', '--invert')
    expect(exported.measurementsFile).toBe(join(out, 'measurements.csv'))
    expect((await readFile(exported.measurementsFile!, 'utf8')).trimEnd().split('\r\n')).toHaveLength(3)
    const dcm = await runLoupeAsync('--workspace', ws, 'export-scans', join(out, 'dcm'), '--format', 'dcm', '--burn-in')
    expect(dcm.code).not.toBe(0)
    expect(dcm.stderr).toMatch(/--invert and --burn-in change the pictures of a PNG export/)
  })
})
