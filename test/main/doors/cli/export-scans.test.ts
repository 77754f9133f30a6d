import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DicomExportResult, DicomTag } from '../../../../src/shared/api/schemas'
import { parseDicomBytes } from '../../../../src/main/engines/dicom/parse'
import { SHARED_DATA, tempDir } from '../../../support/paths'
import { loupeJson as json, runLoupe as loupe } from '../../../support/cli'

const DICOM_DIR = join(SHARED_DATA, 'dicom')
const CT_SERIES = '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322'
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Patient Name and Patient ID of a DICOM file, as our parser reads them ('' when empty or absent). */
function identityOf(bytes: Uint8Array): { name: string; id: string } {
  const { dataset } = parseDicomBytes(bytes)
  return { name: dataset.string('x00100010') ?? '', id: dataset.string('x00100020') ?? '' }
}

/** The words that say who a patient is: the name (without empty components) and the ID. */
function identifyingWords(identity: { name: string; id: string }): string[] {
  return [identity.name.replace(/\^+$/, '').trim(), identity.id.trim()].filter((word) => word.replace(/\^/g, '') !== '')
}

/** Every tag value of a sidecar, sequence items included. */
function values(tags: DicomTag[]): string[] {
  return tags.flatMap((tag) => [tag.value, ...(tag.items ?? []).flatMap(values)])
}

interface Sidecar {
  deidentified: boolean
  tags: DicomTag[]
}

describe('loupe export-scans', () => {
  let ws = ''
  /** Each DICOM image of the catalogue: its source file's identifying words. */
  const identities = new Map<number, { path: string; words: string[] }>()

  beforeAll(async () => {
    ws = await tempDir('loupe-ws-')
    const imported = json<{ added: number }>('--workspace', ws, 'import', DICOM_DIR)
    expect(imported.added).toBeGreaterThan(50)
    const db = new Database(join(ws, 'catalog.sqlite'), { readonly: true, fileMustExist: true })
    const rows = db.prepare(`SELECT id, path FROM images WHERE format = 'dicom'`).all() as { id: number; path: string }[]
    db.close()
    for (const row of rows) identities.set(row.id, { path: row.path, words: identifyingWords(identityOf(await readFile(row.path))) })
    // The data set has real-looking identities to lose: CT_small's patient among them.
    expect([...identities.values()].flatMap((source) => source.words)).toContain('CompressedSamples^CT1')
  })

  it('writes every DICOM image as a de-identified PNG whose sidecar names no patient', async () => {
    const out = join(await tempDir(), 'png')
    const result = json<DicomExportResult>('--workspace', ws, 'export-scans', out)
    expect(result.failed).toEqual([])
    const byNumber = (a: number, b: number) => a - b
    expect(result.written.flatMap((written) => written.imageIds).sort(byNumber)).toEqual([...identities.keys()].sort(byNumber))
    expect((await readdir(out)).length).toBe(result.written.length * 2)

    for (const written of result.written) {
      const source = identities.get(written.imageIds[0]!)!
      // Named by number, not after the source file (whose name may identify the patient).
      expect(basename(written.file)).toMatch(/^image-\d{4}\.png$/)
      const png = await readFile(written.file)
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
      const text = png.toString('latin1')
      for (const word of source.words) expect(text.includes(word), `${written.file} says ${word}`).toBe(false)

      expect(written.sidecar).not.toBeNull()
      const sidecar = JSON.parse(await readFile(written.sidecar!, 'utf8')) as Sidecar
      expect(sidecar.deidentified).toBe(true)
      for (const keyword of ['PatientName', 'PatientID']) {
        expect(sidecar.tags.find((tag) => tag.keyword === keyword)?.value ?? '', `${written.sidecar} ${keyword}`).toBe('')
      }
      const tagValues = values(sidecar.tags)
      for (const word of source.words) {
        expect(tagValues.some((value) => value.includes(word)), `${written.sidecar} (from ${source.path}) says ${word}`).toBe(false)
      }
    }
    const ct = result.written.find((written) => identities.get(written.imageIds[0]!)!.path.endsWith('CT_small.dcm'))!
    expect(await sharp(ct.file).metadata()).toMatchObject({ width: 128, height: 128, format: 'png' })
  })

  it('writes de-identified DICOM files our parser reads back without the patient, or with the pseudonym', async () => {
    const dir = await tempDir()
    const ctId = [...identities].find(([, source]) => source.path.endsWith('CT_small.dcm'))![0]
    const rtdose = [...identities].filter(([, source]) => source.path.endsWith('/rtdose.dcm')).map(([id]) => id)
    expect(rtdose).toHaveLength(15)

    const ids = [ctId, ...rtdose].join(',')
    const plain = json<DicomExportResult>('--workspace', ws, 'export-scans', join(dir, 'dcm'), '--format', 'dcm', '--ids', ids)
    expect(plain.failed).toEqual([])
    // One file per source file: the 15 frames of the dose grid go out as one multi-frame file.
    expect(plain.written.map((written) => written.imageIds.length).sort((a, b) => a - b)).toEqual([1, 15])
    for (const written of plain.written) {
      expect(written.sidecar).toBeNull()
      expect(identityOf(await readFile(written.file))).toEqual({ name: '', id: '' })
      const text = (await readFile(written.file)).toString('latin1')
      for (const word of identities.get(written.imageIds[0]!)!.words) {
        expect(text.includes(word), `${written.file} says ${word}`).toBe(false)
      }
    }

    const named = json<DicomExportResult>(
      '--workspace', ws, 'export-scans', join(dir, 'named'), '--format', 'dcm', '--series', CT_SERIES, '--pseudonym', 'STUDY-042',
    )
    expect(named.written).toHaveLength(1)
    expect(identityOf(await readFile(named.written[0]!.file))).toEqual({ name: 'STUDY-042', id: 'STUDY-042' })
  })

  it('keeps the identity with --keep-identity', async () => {
    const dir = await tempDir()
    const dcm = json<DicomExportResult>(
      '--workspace', ws, 'export-scans', join(dir, 'dcm'), '--series', CT_SERIES, '--format', 'dcm', '--keep-identity',
    )
    expect(dcm.written.map((written) => basename(written.file))).toEqual(['CT_small.dcm'])
    expect(identityOf(await readFile(dcm.written[0]!.file))).toEqual({ name: 'CompressedSamples^CT1', id: '1CT1' })

    const png = json<DicomExportResult>('--workspace', ws, 'export-scans', join(dir, 'png'), '--series', CT_SERIES, '--keep-identity')
    expect(png.written).toEqual([{ imageIds: dcm.written[0]!.imageIds, file: join(dir, 'png', 'CT_small.png'), sidecar: null }])
    expect(await readdir(join(dir, 'png'))).toEqual(['CT_small.png'])
  })

  it('reports what it did to people, lists images it could not export, and refuses a folder that holds images', async () => {
    const dir = await tempDir()
    const human = loupe('--workspace', ws, 'export-scans', join(dir, 'ct'), '--ids', `${[...identities.keys()][0]},99999`)
    expect(human.code).toBe(0)
    expect(human.stdout).toContain(`Wrote 1 de-identified file and 1 JSON sidecar to ${join(dir, 'ct')}`)
    expect(human.stdout).toContain('image 99999: not in the catalogue')

    // A folder already holding image files: nothing is written beside them.
    const occupied = join(dir, 'occupied')
    await mkdir(occupied)
    await writeFile(join(occupied, 'image-0001.png'), PNG_SIGNATURE)
    const refused = loupe('--workspace', ws, 'export-scans', occupied, '--json')
    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toBe(
      `loupe: ${occupied} already holds 1 image or JSON file (image-0001.png); export into a new or empty folder.\n`,
    )
    expect(await readdir(occupied)).toEqual(['image-0001.png'])

    const unknownSeries = loupe('--workspace', ws, 'export-scans', join(dir, 'none'), '--series', '1.2.3')
    expect(unknownSeries.code).toBe(1)
    expect(unknownSeries.stderr).toBe('loupe: There is no series 1.2.3 in the catalogue.\n')
    expect(await readdir(dir)).toEqual(['ct', 'occupied'])
  })

  it('refuses mistaken options with one line and the usage exit status', async () => {
    const dir = await tempDir()

    for (const [args, message] of [
      [['--format', 'jpg'], '--format takes png or dcm for export-scans.'],
      [['--ids', '1,x'], '--ids takes image ids separated by commas, e.g. 1,2,3.'],
      [['--ids', '1', '--series', CT_SERIES], 'export-scans takes --ids or --series, not both.'],
      [['--keep-identity', '--pseudonym', 'A'], '--pseudonym names a de-identified export; it does not go with --keep-identity.'],
      [['--pseudonym', 'x'.repeat(65)], '--pseudonym takes 1 to 64 characters.'],
    ] as const) {
      const run = loupe('--workspace', ws, 'export-scans', join(dir, 'bad'), ...args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr.split('\n')[0]).toBe(`loupe: ${message}`)
    }
    expect(loupe('--workspace', ws, 'export-scans').stderr.split('\n')[0]).toBe('loupe: export-scans needs one output folder.')
    expect(await readdir(dir)).toEqual([])
  })
})
