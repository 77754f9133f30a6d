import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DicomError, listTags, mainTags, openDicomImage, renderDicomFrame } from '../../../../src/main/engines/dicom'
import { analyseImageFileFrames } from '../../../../src/main/engines/imaging'
import { tempDir } from '../../../support/paths'
import { DICOM_DIR } from './helpers'

const FILES = [
  'CT_small.dcm',
  'MR_small_implicit.dcm',
  'MR_small_bigendian.dcm',
  'MR_small_RLE.dcm',
  'MR_small_jpeg_ls_lossless.dcm',
  'MR_small_jp2klossless.dcm',
  'JPGExtended.dcm',
  'SC_rgb_jpeg_dcmtk.dcm',
  'SC_rgb_jpeg_gdcm.dcm',
  'SC_ybr_full_422_uncompressed.dcm',
  'image_dfl.dcm',
  'rtdose.dcm',
  'liver_1frame.dcm',
]

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff
    return state / 0x7fffffff
  }
}

/** The public API either gives an image or refuses with a DicomError; never anything else, and never slowly. */
async function attempt(bytes: Uint8Array, label: string): Promise<'ok' | 'refused'> {
  const started = performance.now()
  let outcome: 'ok' | 'refused'
  try {
    const image = openDicomImage(bytes)
    // The metadata panel lists whatever survived.
    expect(listTags(image.file).length, label).toBeGreaterThan(0)
    mainTags(image.file)
    for (let frame = 0; frame < Math.min(image.module.frames, 2); frame += 1) await renderDicomFrame(image, frame)
    outcome = 'ok'
  } catch (error) {
    expect(error, label).toBeInstanceOf(DicomError)
    expect((error as DicomError).reason.length, label).toBeGreaterThan(5)
    outcome = 'refused'
  }
  expect(performance.now() - started, `${label} took too long`).toBeLessThan(5_000)
  return outcome
}

describe('DICOM robustness', () => {
  it('survives truncation at many offsets and random byte flips', async () => {
    const next = random(20240601)
    let refused = 0
    let decoded = 0
    for (const name of FILES) {
      const original = new Uint8Array(await readFile(join(DICOM_DIR, name)))
      // Truncations: every header region densely, the rest at random.
      const cuts = new Set<number>([0, 1, 4, 127, 128, 131, 132, 140, 200, original.length - 1, original.length - 2])
      for (let i = 0; i < 25; i += 1) cuts.add(Math.floor(next() * original.length))
      for (const cut of cuts) {
        const outcome = await attempt(original.subarray(0, cut), `${name} cut at ${cut}`)
        if (outcome === 'refused') refused += 1
        else decoded += 1
      }
      for (let i = 0; i < 25; i += 1) {
        const copy = Uint8Array.from(original)
        const flips = 1 + Math.floor(next() * 8)
        for (let k = 0; k < flips; k += 1) {
          const at = Math.floor(next() * copy.length)
          copy[at] = copy[at]! ^ (1 << Math.floor(next() * 8))
        }
        const outcome = await attempt(copy, `${name} with ${flips} flipped bits (round ${i})`)
        if (outcome === 'refused') refused += 1
        else decoded += 1
      }
    }
    // Most truncations are refused; most single-bit damage still decodes.
    expect(refused).toBeGreaterThan(100)
    expect(decoded).toBeGreaterThan(100)
  })

  it('reports damaged files through the import analysis, which never rejects', async () => {
    const dir = await tempDir()
    const original = await readFile(join(DICOM_DIR, 'MR_small_RLE.dcm'))
    const cut = join(dir, 'cut.dcm')
    await writeFile(cut, original.subarray(0, original.length - 200))
    const analysis = await analyseImageFileFrames(cut)
    expect(analysis).toEqual({ ok: false, reason: expect.stringMatching(/^truncated/) })
    const header = join(dir, 'header-only.dcm')
    await writeFile(header, original.subarray(0, 300))
    expect(await analyseImageFileFrames(header)).toMatchObject({ ok: false })
  })
})
