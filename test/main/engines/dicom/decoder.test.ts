import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  DicomError,
  dicomDecoder,
  dataWindow,
  decodeDicomFrame,
  defaultWindow,
  frameImageInput,
  modalityValues,
  openDicomImage,
  renderDicomFrame,
  valueRange,
} from '../../../../src/main/engines/dicom'
import { renderedToSharp } from '../../../../src/main/engines/dicom/raster'
import { loadModelPixels } from '../../../../src/main/engines/ml/preprocess'
import { tempDir } from '../../../support/paths'
import { DICOM_DIR } from './helpers'

/** Compressed with each codec, native, palette-free colour, and multi-frame: [file, frame]. */
const CASES: [string, number][] = [
  ['693_J2KI.dcm', 0],
  ['JPEG-lossy.dcm', 0],
  ['MR_small_jpeg_ls_lossless.dcm', 0],
  ['SC_rgb_jpeg_gdcm.dcm', 0],
  ['MR_small_RLE.dcm', 0],
  ['CT_small.dcm', 0],
  ['rtdose.dcm', 9],
  ['SC_rgb_rle_2frame.dcm', 1],
]

const path = (name: string) => join(DICOM_DIR, name)
const inThread = async (name: string) => openDicomImage(await readFile(path(name)))

afterAll(async () => {
  await dicomDecoder.close()
})

describe('DICOM decoding in worker threads', () => {
  it('renders every frame exactly as decoding on this thread does, from a path or from bytes', async () => {
    for (const [name, frame] of CASES) {
      const expected = await renderDicomFrame(await inThread(name), frame)
      const fromPath = await dicomDecoder.render({ path: path(name) }, frame)
      const fromBytes = await dicomDecoder.render({ bytes: await readFile(path(name)) }, frame)
      for (const rendered of [fromPath, fromBytes]) {
        expect({ ...rendered, data: null }, name).toEqual({ ...expected, data: null })
        expect(Buffer.from(rendered.data).equals(Buffer.from(expected.data)), name).toBe(true)
      }
    }
    expect(dicomDecoder.workers).toBeGreaterThanOrEqual(1)
    expect(dicomDecoder.workers).toBeLessThanOrEqual(2)
  })

  it('applies a given window', async () => {
    const window = { center: 40, width: 400 }
    const expected = await renderDicomFrame(await inThread('CT_small.dcm'), 0, window)
    const rendered = await dicomDecoder.render({ path: path('CT_small.dcm') }, 0, window)
    expect(Buffer.from(rendered.data).equals(Buffer.from(expected.data))).toBe(true)
  })

  it('gives modality values, their range and the default window as this thread computes them', async () => {
    const image = await inThread('rtdose.dcm')
    const { decoded, params } = await decodeDicomFrame(image, 4)
    if (decoded.kind !== 'values') throw new Error('expected values')
    const values = modalityValues(decoded.values, params)
    const raw = await dicomDecoder.modalityValues(path('rtdose.dcm'), 4)
    expect(raw?.length).toBe(values.length * 4)
    expect(Array.from({ length: values.length }, (_, i) => raw!.readFloatLE(i * 4))).toEqual(Array.from(Float32Array.from(values)))
    expect(await dicomDecoder.statistics(path('rtdose.dcm'), 4)).toEqual({
      valueRange: valueRange(values),
      defaultWindow: defaultWindow(values, params, image.module),
      dataWindow: dataWindow(values, params, image.module),
    })
    // Asked for at once (as a viewer opening a slice does), both come from one decode, and are the same.
    const [together, statistics] = await Promise.all([
      dicomDecoder.modalityValues(path('rtdose.dcm'), 4),
      dicomDecoder.statistics(path('rtdose.dcm'), 4),
    ])
    expect(together!.equals(raw!)).toBe(true)
    expect(statistics).toEqual(await dicomDecoder.statistics(path('rtdose.dcm'), 4))
    // Colour images have no values to window.
    expect(await dicomDecoder.modalityValues(path('SC_rgb_rle_2frame.dcm'), 0)).toBeNull()
    expect(await dicomDecoder.statistics(path('SC_rgb_rle_2frame.dcm'), 0)).toBeNull()
  })

  it("analyses every frame of a file: its identity, and each frame's thumbnail as this thread would make it", async () => {
    const bytes = await readFile(path('rtdose.dcm'))
    const thumbnail = { size: 8, webp: { quality: 75, effort: 1 } }
    const analysed = await dicomDecoder.analyse(bytes, thumbnail)
    const image = openDicomImage(bytes)
    expect(analysed.identity).toEqual(image.identity)
    expect([analysed.width, analysed.height, analysed.frameCount]).toEqual([10, 10, 15])
    expect(analysed.frames.map((frame) => frame.frame)).toEqual(Array.from({ length: 15 }, (_, i) => i))
    const last = await renderedToSharp(await renderDicomFrame(image, 14))
      .resize(8, 8, { fit: 'inside', withoutEnlargement: true })
      .webp(thumbnail.webp)
      .toBuffer()
    expect(Buffer.from(analysed.frames[14]!.thumbnail).equals(last)).toBe(true)
    expect((await dicomDecoder.analyse(bytes, thumbnail, [3])).frames.map((frame) => frame.frame)).toEqual([3])
  })

  it('fails with the DicomError this thread would give, naming the frame of a multi-frame file', async () => {
    const dir = await tempDir()
    const cut = join(dir, 'cut.dcm')
    const whole = await readFile(path('693_J2KI.dcm'))
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.6)))
    const bytes = await readFile(cut)
    const inThreadError = await Promise.resolve()
      .then(() => renderDicomFrame(openDicomImage(bytes), 0))
      .catch((e: unknown) => e)
    const workerError = await dicomDecoder.render({ path: cut }, 0).catch((e: unknown) => e)
    expect(inThreadError).toBeInstanceOf(DicomError)
    expect(workerError).toBeInstanceOf(DicomError)
    expect((workerError as DicomError).reason).toBe((inThreadError as DicomError).reason)

    const dose = await readFile(path('rtdose.dcm'))
    const shortDose = dose.subarray(0, dose.length - 150)
    await expect(dicomDecoder.analyse(shortDose, { size: 8, webp: {} })).rejects.toThrow('truncated DICOM file: pixel data ends early (frame 15 of 15)')
    await expect(dicomDecoder.render({ path: path('rtdose.dcm') }, 15)).rejects.toThrow('frame 16 does not exist (the file has 15)')
    await expect(dicomDecoder.render({ path: join(dir, 'absent.dcm') }, 0)).rejects.toThrow(new DicomError('file not found'))
    await expect(dicomDecoder.render({ bytes: new TextEncoder().encode('hello') }, 0)).rejects.toThrow('not a DICOM file')
  })

  it('ends its workers on close and starts again on the next frame', async () => {
    await dicomDecoder.render({ path: path('MR_small.dcm') }, 0)
    await dicomDecoder.close()
    expect(dicomDecoder.workers).toBe(0)
    const rendered = await dicomDecoder.render({ path: path('MR_small.dcm') }, 0)
    expect([rendered.width, rendered.height]).toEqual([64, 64])
  })
})

describe('a region of a DICOM frame as model input', () => {
  const spec = {
    input: { width: 32, height: 32 },
    normalisation: { scale: 1 / 127.5, offset: -1 },
  } as Parameters<typeof loadModelPixels>[1]

  it('crops the frame asked for, as decoding that frame directly does', async () => {
    const crop = { x: 20, y: 10, width: 50, height: 60 }
    const input = await frameImageInput(path('SC_rgb_rle_2frame.dcm'), 1)
    expect(Buffer.isBuffer(input)).toBe(true)
    const viaHelper = await loadModelPixels(input, spec, { crop })
    const direct = await loadModelPixels(path('SC_rgb_rle_2frame.dcm'), spec, { frame: 1, crop })
    expect(Buffer.from(viaHelper).equals(Buffer.from(direct))).toBe(true)
    const firstFrame = await loadModelPixels(path('SC_rgb_rle_2frame.dcm'), spec, { crop })
    expect(Buffer.from(viaHelper).equals(Buffer.from(firstFrame))).toBe(false)
  })

  it('is the file itself for a first frame', async () => {
    expect(await frameImageInput(path('CT_small.dcm'), 0)).toBe(path('CT_small.dcm'))
  })
})
