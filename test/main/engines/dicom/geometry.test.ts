import { describe, expect, it } from 'vitest'
import { openDicomImage } from '../../../../src/main/engines/dicom'
import { frameGeometry, sliceNormal, valueUnits } from '../../../../src/main/engines/dicom/geometry'
import { frameParameters } from '../../../../src/main/engines/dicom/image-module'
import { textValue, type WriteElement } from '../../../../src/main/engines/dicom/write'
import { buildDicom, openTestFile } from './helpers'

function unitsOf(image: ReturnType<typeof openDicomImage>, frame = 0): string | null {
  const monochrome = image.module.samplesPerPixel === 1 && !image.module.palette
  return valueUnits(image.file, frameParameters(image.file, image.module, frame), monochrome)
}

/** A 2×2 16-bit grey file (modality OT) with the given extra elements, all text values. */
function greyFile(extra: [tag: string, vr: string, value: string][]) {
  const elements: WriteElement[] = extra.map(([tag, vr, value]) => ({ tag, vr, value: textValue(value, vr) }))
  return openDicomImage(
    buildDicom({
      transferSyntax: '1.2.840.10008.1.2.1',
      rows: 2,
      columns: 2,
      photometric: 'MONOCHROME2',
      bitsAllocated: 16,
      bitsStored: 16,
      signed: false,
      pixelData: new Uint8Array(8),
      extra: elements,
    }),
  )
}

describe('slice geometry and units of a frame', () => {
  it('reads a CT slice’s spacing, plane, location and thickness, in HU', async () => {
    const ct = await openTestFile('CT_small.dcm')
    expect(frameGeometry(ct.file, 0)).toEqual({
      pixelSpacing: { row: 0.661468, column: 0.661468, source: 'PixelSpacing' },
      position: [-158.135803, -179.035797, -75.699997],
      orientation: [1, 0, 0, 0, 1, 0],
      sliceLocation: -77.2040634155,
      sliceThickness: 5,
      frameOfReferenceUid: '1.3.6.1.4.1.5962.1.4.1.1.20040119072730.12322',
      frameTimeMs: null,
    })
    expect(unitsOf(ct)).toBe('HU')
  })

  it('gives MR its geometry and no unit, and colour images none either', async () => {
    const mr = await openTestFile('MR_small.dcm')
    expect(frameGeometry(mr.file, 0)).toMatchObject({
      pixelSpacing: { row: 0.3125, column: 0.3125, source: 'PixelSpacing' },
      position: [-83.9063, -91.2, 6.6406],
      sliceThickness: 0.8,
    })
    expect(unitsOf(mr)).toBeNull()
    expect(unitsOf(await openTestFile('SC_rgb_rle.dcm'))).toBeNull()
  })

  it('takes an enhanced object’s spacing and orientation from the shared groups and its position per frame', async () => {
    const segmentation = await openTestFile('liver_1frame.dcm')
    expect(frameGeometry(segmentation.file, 0)).toMatchObject({
      pixelSpacing: { row: 0.810547, column: 0.810547, source: 'PixelSpacing' },
      position: [-235.2, -226.8, -128.69],
      orientation: [1, 0, 0, 0, 1, 0],
      sliceThickness: 1,
      sliceLocation: null,
    })
  })

  it('places an RT dose grid’s frames along the normal by their GridFrameOffsetVector', async () => {
    const dose = await openTestFile('rtdose.dcm')
    const positions = Array.from({ length: 15 }, (_, frame) => frameGeometry(dose.file, frame).position)
    expect(positions[0]).toEqual([189.43125, 199.43125, -761.87])
    for (const [frame, position] of positions.entries()) expect(position![2]).toBeCloseTo(-761.87 + 5 * frame, 6)
  })

  it('falls back to ImagerPixelSpacing, row spacing first', () => {
    const radiograph = greyFile([['00181164', 'DS', '0.2\\0.15']])
    expect(frameGeometry(radiograph.file, 0).pixelSpacing).toEqual({ row: 0.2, column: 0.15, source: 'ImagerPixelSpacing' })
    expect(frameGeometry(greyFile([['00280030', 'DS', '0\\0.5']]).file, 0).pixelSpacing).toBeNull()
  })

  it('finds the frame time in FrameTime, FrameTimeVector, CineRate or RecommendedDisplayFrameRate', () => {
    const timeOf = (extra: [string, string, string][], frame = 0) => frameGeometry(greyFile(extra).file, frame).frameTimeMs
    expect(timeOf([['00181063', 'DS', '33.3']])).toBe(33.3)
    expect(timeOf([['00181065', 'DS', '0\\40\\50']])).toBe(40)
    expect(timeOf([['00181065', 'DS', '0\\40\\50']], 2)).toBe(50)
    expect(timeOf([['00180040', 'IS', '25']])).toBe(40)
    expect(timeOf([['00082144', 'IS', '20']])).toBe(50)
    expect(timeOf([['00181063', 'DS', '0'], ['00082144', 'IS', '10']])).toBe(100)
    expect(timeOf([])).toBeNull()
  })

  it('labels values with RescaleType or Units, never with "US" (unspecified)', () => {
    expect(unitsOf(greyFile([['00281052', 'DS', '0'], ['00281053', 'DS', '2'], ['00281054', 'LO', 'OD']]))).toBe('OD')
    expect(unitsOf(greyFile([['00281052', 'DS', '0'], ['00281053', 'DS', '1'], ['00281054', 'LO', 'US']]))).toBeNull()
    expect(unitsOf(greyFile([['00541001', 'CS', 'BQML']]))).toBe('BQML')
  })

  it('gives the normal of an orientation as row × column', () => {
    expect(sliceNormal([1, 0, 0, 0, 1, 0])).toEqual([0, 0, 1])
    expect(sliceNormal([0, 1, 0, 0, 0, -1])).toEqual([-1, 0, 0])
  })
})
