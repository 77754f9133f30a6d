import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CT_PRESETS, DicomError, openDicomImage, renderDicomFrame, windowLevel } from '../../../../src/main/engines/dicom'
import { frameParameters } from '../../../../src/main/engines/dicom/image-module'
import { modalityValues } from '../../../../src/main/engines/dicom/window'
import { textValue } from '../../../../src/main/engines/dicom/write'
import {
  DICOM_DIR,
  NON_IMAGE_FILES,
  buildDicom,
  decoded,
  encodeJpegLossless,
  meanAbsoluteDifference,
  openTestFile,
  rgbOf,
  valuesOf,
} from './helpers'

const IMAGE_FILES = readdirSync(DICOM_DIR).filter((name) => name.endsWith('.dcm') && !(name in NON_IMAGE_FILES))

function stats(data: ArrayLike<number>): { mean: number; std: number; min: number; max: number } {
  let sum = 0
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < data.length; i += 1) {
    sum += data[i]!
    min = Math.min(min, data[i]!)
    max = Math.max(max, data[i]!)
  }
  const mean = sum / data.length
  let squares = 0
  for (let i = 0; i < data.length; i += 1) squares += (data[i]! - mean) ** 2
  return { mean, std: Math.sqrt(squares / data.length), min, max }
}

describe('DICOM decoding', () => {
  it('finds the shared folder as expected', () => {
    expect(IMAGE_FILES.length).toBe(48)
  })

  it('decodes and renders every frame of every image-bearing file with plausible pixel statistics', async () => {
    for (const name of IMAGE_FILES) {
      const image = await openTestFile(name)
      const { rows, columns, frames } = image.module
      for (let frame = 0; frame < frames; frame += 1) {
        const rendered = await renderDicomFrame(image, frame)
        expect(rendered.width, name).toBe(columns)
        expect(rendered.height, name).toBe(rows)
        expect(rendered.data.length, name).toBe(rows * columns * rendered.channels)
        const { mean, std } = stats(rendered.data)
        // Neither blank nor saturated, and with some structure.
        expect(mean, `${name} frame ${frame}`).toBeGreaterThan(2)
        expect(mean, `${name} frame ${frame}`).toBeLessThan(253)
        // The slide tile in the no-colour-transform files is nearly flat grey.
        const flat = /no_color_transform|app14|jpeg_dcmd|SC_rgb_jpeg\.dcm/.test(name)
        expect(std, `${name} frame ${frame}`).toBeGreaterThan(flat ? 0.5 : 5)
      }
    }
  })

  it('reads CT_small as 128×128 Hounsfield units: air near −1000 HU and soft tissue near 0', async () => {
    const image = await openTestFile('CT_small.dcm')
    expect(image.module).toMatchObject({ rows: 128, columns: 128, bitsStored: 16, signed: true, photometric: 'MONOCHROME2' })
    const params = frameParameters(image.file, image.module, 0)
    expect(params).toMatchObject({ rescaleSlope: 1, rescaleIntercept: -1024, hasRescale: true, units: 'HU' })
    const hu = modalityValues(valuesOf(await decoded('CT_small.dcm')) as Int32Array, params)
    const { min, max } = stats(hu)
    expect(hu[0]).toBe(175 - 1024)
    expect(min).toBeGreaterThanOrEqual(-1024)
    expect(min).toBeLessThan(-800)
    expect(max).toBeGreaterThan(700)
    const share = (low: number, high: number) => hu.filter((v) => v >= low && v < high).length / hu.length
    expect(share(-1024, -700)).toBeGreaterThan(0.15) // air around the body
    expect(share(-100, 100)).toBeGreaterThan(0.3) // soft tissue
    expect(share(300, 2000)).toBeGreaterThan(0.02) // bone
  })

  it('decodes every MR_small encoding to the same pixels as the uncompressed file', async () => {
    const reference = valuesOf(await decoded('MR_small.dcm'))
    expect(reference.length).toBe(64 * 64)
    for (const name of [
      'MR_small_implicit.dcm',
      'MR_small_bigendian.dcm',
      'MR_small_expb.dcm',
      'MR_small_padded.dcm',
      'MR_small_RLE.dcm',
      'MR_small_jpeg_ls_lossless.dcm',
      'MR_small_jp2klossless.dcm',
    ]) {
      expect([...valuesOf(await decoded(name))], name).toEqual([...reference])
    }
  })

  it('decodes 16-bit signed JPEG lossless (process 14) exactly', async () => {
    const reference = valuesOf(await decoded('MR_small.dcm'))
    const samples = Uint16Array.from(reference, (v) => v & 0xffff)
    const bytes = buildDicom({
      transferSyntax: '1.2.840.10008.1.2.4.70',
      rows: 64,
      columns: 64,
      photometric: 'MONOCHROME2',
      bitsAllocated: 16,
      bitsStored: 16,
      signed: true,
      pixelData: encodeJpegLossless(samples, 64, 64),
      encapsulated: true,
    })
    const image = openDicomImage(bytes)
    const { decoded: frame } = await import('../../../../src/main/engines/dicom').then((m) => m.decodeDicomFrame(image, 0))
    expect([...valuesOf(frame)]).toEqual([...reference])
  })

  it('decodes 12-bit JPEG Extended within the loss of the JPEG 2000 version of the same image', async () => {
    const extended = valuesOf(await decoded('JPGExtended.dcm'))
    const lossy = valuesOf(await decoded('JPEG-lossy.dcm'))
    const j2k = valuesOf(await decoded('JPEG2000.dcm'))
    expect([...lossy]).toEqual([...extended])
    expect(meanAbsoluteDifference(extended, j2k)).toBeLessThan(8)
    expect(stats(extended).max).toBeGreaterThan(200)
  })

  it('decodes colour files in every syntax and photometric to the reference RGB pixels', async () => {
    const reference = rgbOf(await decoded('SC_rgb_rle.dcm'))
    const exact = ['SC_rgb_rle_16bit.dcm', 'SC_rgb_rle_32bit.dcm', 'SC_rgb_jpeg_gdcm.dcm', 'SC_rgb_gdcm_KY.dcm']
    for (const name of exact) expect(meanAbsoluteDifference(rgbOf(await decoded(name)), reference), name).toBe(0)
    const lossy = [
      'SC_rgb_dcmtk_+eb+cr.dcm',
      'SC_rgb_dcmtk_+eb+cy+n1.dcm',
      'SC_rgb_dcmtk_+eb+cy+n2.dcm',
      'SC_rgb_dcmtk_+eb+cy+np.dcm',
      'SC_rgb_dcmtk_+eb+cy+s2.dcm',
      'SC_rgb_dcmtk_+eb+cy+s4.dcm',
      'SC_rgb_jpeg_dcmtk.dcm',
      'SC_rgb_jpeg_lossy_gdcm.dcm',
      'SC_ybr_full_422_uncompressed.dcm',
    ]
    for (const name of lossy) expect(meanAbsoluteDifference(rgbOf(await decoded(name)), reference), name).toBeLessThan(4)
    // The first pixel is red in all of them.
    for (const name of [...exact, ...lossy]) {
      const [r, g, b] = rgbOf(await decoded(name))
      expect(r, name).toBeGreaterThan(240)
      expect(g! + b!, name).toBeLessThan(20)
    }
  })

  it('keeps JPEG RGB without colour transform as RGB', async () => {
    const uncompressed = rgbOf(await decoded('SC_rgb_jpeg_dcmd.dcm'))
    for (const name of ['SC_jpeg_no_color_transform.dcm', 'SC_jpeg_no_color_transform_2.dcm']) {
      expect(meanAbsoluteDifference(rgbOf(await decoded(name)), uncompressed), name).toBeLessThan(6)
    }
  })

  it('gives each frame of a multi-frame file, the same in every syntax', async () => {
    const rtdose = await openTestFile('rtdose.dcm')
    expect(rtdose.module.frames).toBe(15)
    for (const frame of [0, 7, 14]) {
      const reference = valuesOf(await decoded('rtdose.dcm', frame))
      for (const name of ['rtdose_expb.dcm', 'rtdose_rle.dcm']) {
        expect([...valuesOf(await decoded(name, frame))], `${name} frame ${frame}`).toEqual([...reference])
      }
    }
    expect([...valuesOf(await decoded('rtdose.dcm', 1))]).not.toEqual([...valuesOf(await decoded('rtdose.dcm', 0))])
    // Dose grid scaling is the rescale, in the file's dose units.
    const params = frameParameters(rtdose.file, rtdose.module, 0)
    expect(params.hasRescale).toBe(true)
    expect(params.units).toBe('RELATIVE')
    const dose = modalityValues(valuesOf(await decoded('rtdose.dcm')) as Uint32Array, params)
    expect(stats(dose).max).toBeLessThan(10)

    for (const name of ['SC_rgb_rle_2frame.dcm', 'SC_rgb_rle_16bit_2frame.dcm', 'SC_rgb_rle_32bit_2frame.dcm']) {
      const first = rgbOf(await decoded(name, 0))
      const second = rgbOf(await decoded(name, 1))
      expect(meanAbsoluteDifference(first, rgbOf(await decoded('SC_rgb_rle.dcm'))), name).toBe(0)
      // The second frame is the first inverted.
      expect([...second], name).toEqual([...first].map((v) => 255 - v))
    }
    await expect(decoded('rtdose.dcm', 15)).rejects.toThrow(/frame 16 does not exist/)
  })

  it('reads 1-bit segmentations and deflated files', async () => {
    const little = valuesOf(await decoded('liver_1frame.dcm'))
    const big = valuesOf(await decoded('liver_expb_1frame.dcm'))
    expect(new Set([...little])).toEqual(new Set([0, 1]))
    expect([...big]).toEqual([...little])
    const deflated = await openTestFile('image_dfl.dcm')
    expect(deflated.file.syntax.deflated).toBe(true)
    expect(deflated.module).toMatchObject({ rows: 512, columns: 512 })
    expect(stats(valuesOf(await decoded('image_dfl.dcm'))).std).toBeGreaterThan(10)
  })

  it('reads files whose data set encoding differs from the declared one, and files without preamble or meta', async () => {
    const mismatched = await openTestFile('SC_rgb_jpeg.dcm')
    expect(mismatched.file.explicitVr).toBe(false)
    expect(mismatched.file.warnings.join()).toMatch(/implicit VR/)

    const original = await readFile(join(DICOM_DIR, 'MR_small.dcm'))
    const reference = [...valuesOf(await decoded('MR_small.dcm'))]
    const withoutPreamble = openDicomImage(original.subarray(128))
    expect(withoutPreamble.file.layout).toBe('no-preamble')
    const frame = await import('../../../../src/main/engines/dicom').then((m) => m.decodeDicomFrame(withoutPreamble, 0))
    expect([...valuesOf(frame.decoded)]).toEqual(reference)

    const parsed = openDicomImage(original)
    const bare = original.subarray(parsed.file.datasetStart)
    const bareImage = openDicomImage(bare)
    expect(bareImage.file.layout).toBe('no-meta')
    const bareFrame = await import('../../../../src/main/engines/dicom').then((m) => m.decodeDicomFrame(bareImage, 0))
    expect([...valuesOf(bareFrame.decoded)]).toEqual(reference)
  })

  it('lists files without an image, or in a syntax it cannot decode, with a reason', async () => {
    for (const [name, reason] of Object.entries(NON_IMAGE_FILES)) {
      const bytes = await readFile(join(DICOM_DIR, name))
      expect(() => openDicomImage(bytes), name).toThrow(DicomError)
      expect(() => openDicomImage(bytes), name).toThrow(reason)
    }
    const mpeg = buildDicom({
      transferSyntax: '1.2.840.10008.1.2.4.100',
      rows: 2,
      columns: 2,
      photometric: 'YBR_PARTIAL_420',
      samplesPerPixel: 3,
      bitsAllocated: 8,
      bitsStored: 8,
      signed: false,
      pixelData: new Uint8Array(16),
      encapsulated: true,
    })
    expect(() => openDicomImage(mpeg)).toThrow('unsupported DICOM transfer syntax (MPEG2 video)')
    expect(() => openDicomImage(new TextEncoder().encode('hello'))).toThrow('not a DICOM file')
  })

  it('maps palette colour through its lookup tables', async () => {
    const entries = 4
    const lut = (values: number[]) => {
      const out = new Uint8Array(entries * 2)
      values.forEach((v, i) => new DataView(out.buffer).setUint16(i * 2, v * 257, true))
      return out
    }
    const descriptor = new Uint8Array(6)
    new DataView(descriptor.buffer).setUint16(0, entries, true)
    new DataView(descriptor.buffer).setUint16(2, 10, true) // first mapped value
    new DataView(descriptor.buffer).setUint16(4, 16, true)
    const bytes = buildDicom({
      transferSyntax: '1.2.840.10008.1.2.1',
      rows: 1,
      columns: 4,
      photometric: 'PALETTE COLOR',
      bitsAllocated: 8,
      bitsStored: 8,
      signed: false,
      pixelData: Uint8Array.from([10, 11, 12, 13]),
      extra: [
        { tag: '00281101', vr: 'US', value: descriptor },
        { tag: '00281102', vr: 'US', value: descriptor },
        { tag: '00281103', vr: 'US', value: descriptor },
        { tag: '00281201', vr: 'OW', value: lut([255, 0, 0, 9]) },
        { tag: '00281202', vr: 'OW', value: lut([0, 255, 0, 9]) },
        { tag: '00281203', vr: 'OW', value: lut([0, 0, 255, 9]) },
      ],
    })
    const rendered = await renderDicomFrame(openDicomImage(bytes), 0)
    expect(rendered.channels).toBe(3)
    expect([...rendered.data]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9])
  })

  it('inverts MONOCHROME1, masks bits above Bits Stored, and sign-extends', async () => {
    const pixels = new Uint8Array(8)
    const view = new DataView(pixels.buffer)
    // 12 bits stored, signed; garbage (an overlay) in the top four bits.
    ;[0xf000 | 0x800, 0xa000 | 0x7ff, 0x0000, 0x5000 | 0xfff].forEach((v, i) => view.setUint16(i * 2, v, true))
    const make = (photometric: string) =>
      openDicomImage(
        buildDicom({
          transferSyntax: '1.2.840.10008.1.2.1',
          rows: 2,
          columns: 2,
          photometric,
          bitsAllocated: 16,
          bitsStored: 12,
          signed: true,
          pixelData: pixels,
          extra: [
            { tag: '00281050', vr: 'DS', value: textValue('0', 'DS') },
            { tag: '00281051', vr: 'DS', value: textValue('4096', 'DS') },
          ],
        }),
      )
    const monochrome2 = make('MONOCHROME2')
    const values = await import('../../../../src/main/engines/dicom').then((m) => m.decodeDicomFrame(monochrome2, 0))
    expect([...valuesOf(values.decoded)]).toEqual([-2048, 2047, 0, -1])
    const dark = await renderDicomFrame(monochrome2, 0)
    const light = await renderDicomFrame(make('MONOCHROME1'), 0)
    expect(dark.data[0]).toBe(0)
    expect(dark.data[1]).toBe(255)
    expect([...light.data]).toEqual([...dark.data].map((v) => 255 - v))
  })

  it('applies window/level as PS3.3 defines it, with CT presets in HU', () => {
    const values = Float32Array.from([-1000, -0.5, 0, 40, 79.5, 80, 1000])
    const out = windowLevel(values, { center: 40, width: 80 }, 'LINEAR', false)
    expect(out[0]).toBe(0)
    expect(out[1]).toBe(0)
    expect(out[3]).toBe(Math.round(((40 - 39.5) / 79 + 0.5) * 255))
    expect(out[5]).toBe(255)
    expect(out[6]).toBe(255)
    expect(CT_PRESETS.map((p) => p.id)).toEqual(['brain', 'soft-tissue', 'mediastinum', 'lung', 'bone'])
    expect(CT_PRESETS.find((p) => p.id === 'lung')).toMatchObject({ center: -600, width: 1500 })
  })
})
