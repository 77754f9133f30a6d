import { readFile, readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { parseDicomBytes } from '../../../../src/main/engines/dicom/parse'
import type { ImageDetail, ImportResult } from '../../../../src/shared/api/schemas'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'
import { DICOM_DIR, NON_IMAGE_FILES } from '../../engines/dicom/helpers'

let loupe: Loupe
let first: ImportResult


function imagesOf(fileName: string): ImageDetail[] {
  const rows = loupe.workspace.db.prepare('SELECT id FROM images WHERE file_name = ? ORDER BY frame').all(fileName) as { id: number }[]
  return rows.map((row) => loupe.catalog.getImage(row.id))
}

/** PNG chunk types, in order. */
function pngChunks(png: Buffer): string[] {
  const types: string[] = []
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at)
    types.push(png.toString('latin1', at + 4, at + 8))
    at += 12 + length
  }
  return types
}

beforeAll(async () => {
  loupe = await freshLoupe()
  first = (await importThroughApi(loupe, [DICOM_DIR])).result
})

afterAll(async () => {
  await loupe?.close()
})

describe('DICOM in the catalogue', () => {
  it('imports every image-bearing file, one image per frame, and lists the rest with reasons', async () => {
    // 47 image-bearing files, one of them a byte-identical copy of another; 3 files of 15 frames and 3 of 2.
    expect(first.added).toBe(92)
    expect(first.duplicates).toBe(1)
    const failed = new Map(first.failed.map((f) => [basename(f.path), f.reason]))
    expect([...failed.keys()].sort()).toEqual([...Object.keys(NON_IMAGE_FILES), 'README-pydicom-test-files.txt'].sort())
    for (const [name, reason] of Object.entries(NON_IMAGE_FILES)) expect(failed.get(name)).toMatch(reason)
    expect(loupe.catalog.stats().images).toBe(92)

    const rtdose = imagesOf('rtdose.dcm')
    expect(rtdose.map((image) => image.frame)).toEqual([...Array(15).keys()])
    expect(new Set(rtdose.map((image) => image.path)).size).toBe(1)
    expect(new Set(rtdose.map((image) => image.contentHash)).size).toBe(15)
    expect(rtdose.every((image) => image.format === 'dicom' && image.width === 10 && image.height === 10)).toBe(true)

    const again = (await importThroughApi(loupe, [DICOM_DIR])).result
    expect(again.added).toBe(0)
    expect(again.duplicates).toBe(93)
  })

  it('groups images by patient, study and series', async () => {
    const tree = await loupe.client.api.dicom.series({})
    const series = tree.flatMap((p) => p.studies.flatMap((s) => s.series))
    const images = series.flatMap((s) => s.images)
    expect(images).toHaveLength(92)
    const rtdoseIds = new Set(imagesOf('rtdose.dcm').map((image) => image.id))
    const holding = series.filter((s) => s.images.some((image) => rtdoseIds.has(image.imageId)))
    expect(holding).toHaveLength(1)
    expect(holding[0]!.modality).toBe('RTDOSE')
    const ct = tree.find((p) => p.studies.some((s) => s.series.some((x) => x.modality === 'CT' && x.images.some((i) => i.fileName === 'CT_small.dcm'))))
    expect(ct?.patientName).toBe('CompressedSamples^CT1')
    const only = await loupe.client.api.dicom.series({ imageIds: [...rtdoseIds].slice(0, 3) })
    expect(only.flatMap((p) => p.studies.flatMap((s) => s.series.flatMap((x) => x.images)))).toHaveLength(3)
  })

  it('gives the metadata panel its tags', async () => {
    const [ct] = imagesOf('CT_small.dcm')
    const metadata = await loupe.client.api.dicom.metadata({ imageId: ct!.id })
    expect(metadata.patient).toEqual({ id: '1CT1', name: 'CompressedSamples^CT1' })
    expect(metadata.series.modality).toBe('CT')
    expect(metadata.transferSyntax.name).toBe('Explicit VR Little Endian')
    const main = new Map(metadata.main.map((tag) => [tag.keyword, tag]))
    expect(main.get('PatientName')).toMatchObject({ group: 'Patient', value: 'CompressedSamples^CT1' })
    expect(main.get('Rows')?.value).toBe('128')
    expect(main.get('RescaleIntercept')?.value).toBe('-1024')
    const tags = new Map(metadata.tags.map((tag) => [tag.tag, tag]))
    expect(tags.get('(0002,0010)')?.value).toBe('1.2.840.10008.1.2.1')
    expect(tags.get('(7FE0,0010)')?.value).toBe('32768 bytes')
    expect(tags.get('(0010,1002)')?.items?.[0]?.find((t) => t.tag === '(0010,0020)')?.value).toBe('ABCD1234')

    const [jpeg] = await (async () => {
      const dir = await tempDir()
      await writeJpeg(join(dir, 'photo.jpg'), 3)
      await importThroughApi(loupe, [dir])
      return imagesOf('photo.jpg')
    })()
    await expect(loupe.client.api.dicom.metadata({ imageId: jpeg!.id })).rejects.toThrow(/not a DICOM image/)
  })

  it('tells the viewer how to window a frame, and serves its values, its rendition and its thumbnail', async () => {
    const [ct] = imagesOf('CT_small.dcm')
    const info = await loupe.client.api.dicom.frame({ imageId: ct!.id })
    expect(info).toMatchObject({
      width: 128,
      height: 128,
      frames: 1,
      monochrome: true,
      invert: false,
      rescale: { slope: 1, intercept: -1024, units: 'HU' },
      windows: [],
      raw: { path: `/raw/${ct!.id}`, dtype: 'float32le', width: 128, height: 128 },
    })
    expect(info.defaultWindow.source).toBe('data')
    expect(info.presets.map((p) => p.id)).toContain('lung')
    expect(info.valueRange!.min).toBe(175 - 1024 - (175 - 128))

    const raw = await loupe.media.resolve('raw', ct!.id)
    expect(raw?.contentType).toBe('application/octet-stream')
    const values = await readFile(raw!.path)
    expect(values.length).toBe(128 * 128 * 4)
    expect(values.readFloatLE(0)).toBe(175 - 1024)

    const rendition = await loupe.media.resolve('image', ct!.id)
    expect(rendition?.contentType).toBe('image/png')
    expect(await sharp(rendition!.path).metadata()).toMatchObject({ width: 128, height: 128, format: 'png' })
    const thumb = await loupe.media.resolve('thumb', ct!.id)
    expect(thumb?.contentType).toBe('image/webp')

    const [mr] = imagesOf('MR_small.dcm')
    const mrInfo = await loupe.client.api.dicom.frame({ imageId: mr!.id })
    expect(mrInfo.defaultWindow).toEqual({ center: 600, width: 1600, source: 'file' })
    expect(mrInfo.rescale).toBeNull()
    expect(mrInfo.presets.map((p) => p.id)).toEqual(['auto', 'full-range'])

    const rtdose = imagesOf('rtdose.dcm')
    const last = await loupe.client.api.dicom.frame({ imageId: rtdose[14]!.id })
    expect(last).toMatchObject({ frame: 14, frames: 15 })

    const [colour] = imagesOf('SC_rgb_rle.dcm')
    const colourInfo = await loupe.client.api.dicom.frame({ imageId: colour!.id })
    expect(colourInfo).toMatchObject({ monochrome: false, raw: null, samplesPerPixel: 3 })
    expect(await loupe.media.resolve('raw', colour!.id)).toBeNull()
  })

  it('exports de-identified DICOM copies with the pixel data unchanged', async () => {
    const out = join(await tempDir(), 'export')
    const ids = [imagesOf('CT_small.dcm')[0]!.id, ...imagesOf('rtdose.dcm').slice(0, 3).map((image) => image.id)]
    const result = await loupe.client.api.dicom.exportImages({ imageIds: ids, out, format: 'dcm' })
    expect(result.failed).toEqual([])
    expect(result.written).toHaveLength(2)
    expect(result.written[1]!.imageIds).toHaveLength(3)
    expect((await readdir(out)).sort()).toEqual(['image-0001.dcm', 'image-0002.dcm'])
    for (const [written, source] of [
      [result.written[0]!, 'CT_small.dcm'],
      [result.written[1]!, 'rtdose.dcm'],
    ] as const) {
      const copy = parseDicomBytes(await readFile(written.file))
      const original = parseDicomBytes(await readFile(join(DICOM_DIR, source)))
      expect(copy.dataset.elements.x00100010?.length ?? 0).toBe(0)
      expect(copy.dataset.elements.x00100020?.length ?? 0).toBe(0)
      expect(copy.dataset.elements.x00080020?.length ?? 0).toBe(0)
      const a = copy.dataset.elements.x7fe00010!
      const b = original.dataset.elements.x7fe00010!
      expect(Buffer.compare(copy.bytes.subarray(a.dataOffset, a.dataOffset + a.length), original.bytes.subarray(b.dataOffset, b.dataOffset + b.length))).toBe(0)
    }

    // Loupe never overwrites, nor mixes two exports in one folder: exporting into `out` again is refused, naming its files.
    const again = await loupe.dispatcher.invoke('dicom.exportImages', { imageIds: ids, out, format: 'dcm' })
    expect(again).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: `${out} already holds 2 image or JSON files (image-0001.dcm, image-0002.dcm); export into a new or empty folder.`,
        details: { files: ['image-0001.dcm', 'image-0002.dcm'] },
      },
    })
    expect((await readdir(out)).sort()).toEqual(['image-0001.dcm', 'image-0002.dcm'])

    // An out path that is a file, or lies under one, is refused with its reason.
    const file = join(out, 'image-0001.dcm')
    const onFile = await loupe.dispatcher.invoke('dicom.exportImages', { imageIds: ids, out: file, format: 'dcm' })
    expect(onFile).toEqual({
      ok: false,
      error: { code: 'bad_request', message: `${file} is a file, not a folder; export into a new or empty folder.` },
    })
    const underFile = await loupe.dispatcher.invoke('dicom.exportImages', { imageIds: ids, out: join(file, 'more'), format: 'dcm' })
    expect(underFile).toEqual({
      ok: false,
      error: { code: 'bad_request', message: `Cannot create the folder ${join(file, 'more')}: part of that path is a file.` },
    })

    const plainOut = join(out, '..', 'plain')
    const plain = await loupe.client.api.dicom.exportImages({ imageIds: ids.slice(0, 1), out: plainOut, format: 'dcm', deidentify: false })
    expect(basename(plain.written[0]!.file)).toBe('CT_small.dcm')
    expect(Buffer.compare(await readFile(plain.written[0]!.file), await readFile(join(DICOM_DIR, 'CT_small.dcm')))).toBe(0)
  })

  it('exports PNGs without identifying metadata, with a de-identified sidecar', async () => {
    const out = join(await tempDir(), 'png')
    const [ct] = imagesOf('CT_small.dcm')
    const jpeg = imagesOf('photo.jpg')[0]!
    const result = await loupe.client.api.dicom.exportImages({
      imageIds: [ct!.id, jpeg.id],
      out,
      format: 'png',
      window: { center: -600, width: 1500 },
    })
    expect(result.failed).toEqual([{ imageId: jpeg.id, reason: 'not a DICOM image' }])
    const [written] = result.written
    const png = await readFile(written!.file)
    // No text, EXIF or time chunks: pixels (and sharp's harmless pixel-density chunk) only.
    expect(pngChunks(png).filter((type) => ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'iCCP'].includes(type))).toEqual([])
    expect(pngChunks(png)).toContain('IDAT')
    expect(png.toString('latin1')).not.toContain('CompressedSamples')
    expect(await sharp(png).metadata()).toMatchObject({ width: 128, height: 128 })
    const sidecar = JSON.parse(await readFile(written!.sidecar!, 'utf8')) as { deidentified: boolean; tags: { tag: string; value: string }[] }
    expect(sidecar.deidentified).toBe(true)
    const text = JSON.stringify(sidecar)
    expect(text).not.toContain('CompressedSamples')
    expect(text).not.toContain('1CT1')
    expect(text).not.toContain('19970430')
    expect(sidecar.tags.find((tag) => tag.tag === '(0012,0062)')?.value).toBe('YES')
  })
})
