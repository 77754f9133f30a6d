import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'
import { DICOM_DIR } from '../../engines/dicom/helpers'

const FILES = ['CT_small.dcm', 'MR_small.dcm', 'SC_rgb_rle.dcm', 'rtdose.dcm']

let loupe: Loupe

function imageIdOf(fileName: string, frame = 0): number {
  const row = loupe.workspace.db.prepare('SELECT id FROM images WHERE file_name = ? AND frame = ?').get(fileName, frame) as
    | { id: number }
    | undefined
  if (!row) throw new Error(`${fileName} frame ${frame} was not imported`)
  return row.id
}

beforeAll(async () => {
  loupe = await freshLoupe()
  const dir = await tempDir()
  for (const name of FILES) await copyFile(join(DICOM_DIR, name), join(dir, name))
  const { result } = await importThroughApi(loupe, [dir])
  expect(result.failed).toEqual([])
})

afterAll(async () => {
  await loupe?.close()
})

describe('dicom.frame: what a reader needs of a slice', () => {
  it('gives a CT slice its modality, HU, pixel spacing, plane and the HU presets', async () => {
    const info = await loupe.client.api.dicom.frame({ imageId: imageIdOf('CT_small.dcm') })
    expect(info).toMatchObject({
      modality: 'CT',
      units: 'HU',
      pixelSpacing: { row: 0.661468, column: 0.661468, source: 'PixelSpacing' },
      geometry: {
        position: [-158.135803, -179.035797, -75.699997],
        orientation: [1, 0, 0, 0, 1, 0],
        sliceLocation: -77.2040634155,
        sliceThickness: 5,
      },
      frameTimeMs: null,
    })
    expect(info.presets.map((preset) => preset.id)).toEqual(['brain', 'soft-tissue', 'mediastinum', 'lung', 'bone'])
  })

  it('gives MR no unit and presets from its own values: the 0.5–99.5th percentile and the full range', async () => {
    const info = await loupe.client.api.dicom.frame({ imageId: imageIdOf('MR_small.dcm') })
    expect(info).toMatchObject({ modality: 'MR', units: null, pixelSpacing: { row: 0.3125, column: 0.3125 } })
    const { min, max } = info.valueRange!
    const [auto, full] = info.presets
    expect(full).toEqual({ id: 'full-range', name: 'Full range', center: (min + max) / 2, width: max - min })
    expect(auto!.id).toBe('auto')
    expect(auto!.width).toBeGreaterThan(0)
    expect(auto!.width).toBeLessThanOrEqual(max - min)
    expect(auto!.center - auto!.width / 2).toBeGreaterThanOrEqual(min)
    expect(auto!.center + auto!.width / 2).toBeLessThanOrEqual(max)
  })

  it('gives each frame of a dose grid its own position and a colour image no presets', async () => {
    const first = await loupe.client.api.dicom.frame({ imageId: imageIdOf('rtdose.dcm', 0) })
    const last = await loupe.client.api.dicom.frame({ imageId: imageIdOf('rtdose.dcm', 14) })
    expect(last.geometry.position![2] - first.geometry.position![2]).toBeCloseTo(70, 6)
    expect(last.presets.map((preset) => preset.id)).toEqual(['auto', 'full-range'])

    const colour = await loupe.client.api.dicom.frame({ imageId: imageIdOf('SC_rgb_rle.dcm') })
    expect(colour).toMatchObject({ modality: 'OT', units: null, presets: [], pixelSpacing: { row: 1, column: 1 } })
  })
})
