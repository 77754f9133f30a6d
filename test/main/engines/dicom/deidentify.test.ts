import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeDicomFrame, openDicomImage } from '../../../../src/main/engines/dicom'
import { actionFor, deidentifyDicom, UidMapper } from '../../../../src/main/engines/dicom/deidentify'
import { readEncapsulated } from '../../../../src/main/engines/dicom/fragments'
import { parseDicomBytes, type DicomFile } from '../../../../src/main/engines/dicom/parse'
import { DICOM_DIR } from './helpers'

/** The pixel data element's value bytes: everything from its first byte to the end of its value (delimiter included). */
function pixelBytes(file: DicomFile): Uint8Array {
  const element = file.dataset.elements.x7fe00010!
  if (!element.hadUndefinedLength) return file.bytes.subarray(element.dataOffset, element.dataOffset + element.length)
  const last = readEncapsulated(file.bytes, element).fragments.at(-1)!
  return file.bytes.subarray(element.dataOffset, last.start + last.length + 8)
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1')
}

/** Every element at any depth, as [tag, VR, value length]. */
function allElements(file: DicomFile): [string, string | undefined, number][] {
  const out: [string, string | undefined, number][] = []
  const walk = (dataset: DicomFile['dataset']) => {
    for (const [tag, element] of Object.entries(dataset.elements)) {
      out.push([tag.slice(1).toUpperCase(), element.vr, element.length])
      for (const item of element.items ?? []) if (item.dataSet) walk(item.dataSet)
    }
  }
  walk(file.dataset)
  return out
}

const SYNTAX_SAMPLES = [
  'CT_small.dcm', // explicit little endian, nested sequences with patient IDs, private groups
  'MR_small_implicit.dcm',
  'MR_small_bigendian.dcm',
  'image_dfl.dcm', // deflated
  'MR_small_RLE.dcm',
  'JPEG2000.dcm',
  'SC_rgb_jpeg_gdcm.dcm', // JPEG lossless
  'MR_small_jpeg_ls_lossless.dcm',
  'rtdose_rle.dcm', // every VR written as UN
  'SC_rgb_rle_2frame.dcm',
]

describe('DICOM de-identification', () => {
  it('removes names, IDs and dates, replaces UIDs, and keeps pixel data byte for byte', async () => {
    const uids = new UidMapper()
    for (const name of SYNTAX_SAMPLES) {
      const original = parseDicomBytes(await readFile(join(DICOM_DIR, name)))
      const result = deidentifyDicom(original, { uids })
      const copy = parseDicomBytes(result.bytes)
      expect(copy.layout, name).toBe('part10')
      expect(copy.syntax.uid, name).toBe(original.syntax.uid)

      for (const [tag, vr, length] of allElements(copy)) {
        const judged = vr === 'UN' || vr === undefined ? actionFor(tag, undefined) : actionFor(tag, vr)
        expect(tag === '00100010' || tag === '00100020' ? length : 0, `${name} ${tag}`).toBe(0)
        if (vr && ['PN', 'DA', 'TM', 'DT'].includes(vr)) expect(length, `${name} ${tag} ${vr}`).toBe(0)
        expect(Number.parseInt(tag.slice(0, 4), 16) % 2, `${name}: private ${tag} kept`).toBe(0)
        expect(judged === 'X' && !tag.startsWith('0002') && !tag.startsWith('FFFE'), `${name}: ${tag} kept`).toBe(false)
      }
      for (const keyword of ['x00080020', 'x00080030', 'x00100030', 'x00080090']) {
        expect(copy.dataset.elements[keyword]?.length ?? 0, `${name} ${keyword}`).toBe(0)
      }
      expect(copy.dataset.string('x00120062')).toBe('YES')

      // Identifying words of the original are nowhere in the copy's bytes.
      const words = ['x00100010', 'x00100020', 'x00080080', 'x00081010']
        .map((key) => original.dataset.string(key)?.replace(/\^+$/, '').trim())
        .filter((word): word is string => !!word && word.length >= 4)
        // A device maker's name is kept (Manufacturer is not identifying), even when the institution shares it.
        .filter((word) => !`${original.dataset.string('x00080070')} ${original.dataset.string('x00081090')}`.includes(word))
      const text = latin1(copy.bytes)
      for (const word of words) expect(text.includes(word), `${name} still says ${word}`).toBe(false)

      // UIDs: new, under 2.25, the same inside and outside the meta information.
      const oldInstance = original.dataset.string('x00080018')!
      const newInstance = copy.dataset.string('x00080018')!
      expect(newInstance).toMatch(/^2\.25\.\d+$/)
      expect(newInstance).not.toBe(oldInstance)
      expect(copy.meta!.string('x00020003')?.replace(/\0/g, '')).toBe(newInstance)
      expect(copy.dataset.string('x00080016')).toBe(original.dataset.string('x00080016'))

      // Pixel data: the same bytes, and the same decoded pixels.
      expect(Buffer.compare(Buffer.from(pixelBytes(copy)), Buffer.from(pixelBytes(original))), name).toBe(0)
      const before = openDicomImage(await readFile(join(DICOM_DIR, name)))
      const after = openDicomImage(result.bytes)
      const a = (await decodeDicomFrame(before, 0)).decoded
      const b = (await decodeDicomFrame(after, 0)).decoded
      expect(b, name).toEqual(a)
    }
  })

  it('replaces UIDs consistently within an export, so series stay together', async () => {
    const uids = new UidMapper()
    const series = await Promise.all(
      ['MR_small.dcm', 'MR_small_implicit.dcm', 'MR_small_bigendian.dcm'].map(async (name) => {
        const copy = parseDicomBytes(deidentifyDicom(parseDicomBytes(await readFile(join(DICOM_DIR, name))), { uids }).bytes)
        return [copy.dataset.string('x0020000d'), copy.dataset.string('x0020000e')]
      }),
    )
    expect(new Set(series.map((pair) => pair.join()))).toHaveProperty('size', 1)
    const other = new UidMapper()
    expect(other.map('1.2.3.4')).not.toBe(uids.map('1.2.3.4'))
    expect(uids.map('1.2.840.10008.5.1.4.1.1.2')).toBe('1.2.840.10008.5.1.4.1.1.2')
  })

  it('puts a pseudonym in place of the patient name and ID when asked', async () => {
    const original = parseDicomBytes(await readFile(join(DICOM_DIR, 'CT_small.dcm')))
    const copy = parseDicomBytes(deidentifyDicom(original, { uids: new UidMapper(), pseudonym: 'TRIAL-07' }).bytes)
    expect(copy.dataset.string('x00100010')).toBe('TRIAL-07')
    expect(copy.dataset.string('x00100020')).toBe('TRIAL-07')
    expect(copy.dataset.elements.x00100030?.length ?? 0).toBe(0)
  })
})
