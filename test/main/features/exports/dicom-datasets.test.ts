import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { openDicomImage, renderDicomFrame } from '../../../../src/main/engines/dicom'
import type { RequestOf } from '../../../../src/shared/api/contract'
import type { ExportResult, ImportResult, JobSummary } from '../../../../src/shared/api/schemas'
import { DICOM_DIR } from '../../engines/dicom/helpers'
import { freshLoupe } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'

/**
 * A folder with a single-frame CT, two 15-frame RT dose files holding the same SOP instance (one of them RLE
 * compressed), a 2-frame RGB file and a JPEG: boxes on several frames must leave as one entry per frame and come back
 * onto the same frames.
 */
let folder: string
let source: Loupe
const opened: Loupe[] = []

/** Waits for an import or export job started through the typed API to finish, failing on anything but success. */
async function settled(loupe: Loupe, started: Promise<{ id: number }>): Promise<JobSummary> {
  const job = await loupe.jobs.settled((await started).id)
  if (job.state !== 'completed') throw new Error(`${job.kind} ${job.state}: ${job.error}`)
  return job
}

function imageId(loupe: Loupe, fileName: string, frame: number): number {
  const row = loupe.workspace.db.prepare('SELECT id FROM images WHERE file_name = ? AND frame = ?').get(fileName, frame) as { id: number } | undefined
  if (!row) throw new Error(`no image ${fileName} frame ${frame}`)
  return row.id
}

/** Every box as "file|frame|class|x|y|w|h" (numbers to 6 decimals, for YOLO's normalised round trip), sorted. */
function boxesOf(loupe: Loupe): string[] {
  const rows = loupe.workspace.db
    .prepare(
      `SELECT i.file_name AS file, i.frame, l.name AS label, b.x, b.y, b.width, b.height
       FROM boxes b JOIN images i ON i.id = b.image_id JOIN labels l ON l.id = b.label_id`,
    )
    .all() as { file: string; frame: number; label: string; x: number; y: number; width: number; height: number }[]
  return rows.map((b) => [b.file, b.frame, b.label, ...[b.x, b.y, b.width, b.height].map((n) => n.toFixed(6))].join('|')).sort()
}

async function importWith(annotations: NonNullable<RequestOf<'imports', 'start'>['annotations']>): Promise<{ loupe: Loupe; result: ImportResult }> {
  const loupe = await freshLoupe()
  opened.push(loupe)
  const job = await settled(loupe, loupe.client.api.imports.start({ paths: [folder], annotations }))
  return { loupe, result: job.result as ImportResult }
}

beforeAll(async () => {
  folder = await tempDir('loupe-dicom-dataset-')
  for (const [dir, name] of [
    ['ct', 'CT_small.dcm'],
    ['dose', 'rtdose.dcm'],
    ['dose', 'rtdose_rle.dcm'],
    ['rgb', 'SC_rgb_rle_2frame.dcm'],
  ] as const) {
    await mkdir(join(folder, dir), { recursive: true })
    await copyFile(join(DICOM_DIR, name), join(folder, dir, name))
  }
  await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } }).jpeg().toFile(join(folder, 'photo.jpg'))

  source = await freshLoupe()
  opened.push(source)
  const imported = (await settled(source, source.client.api.imports.start({ paths: [folder] }))).result as ImportResult
  expect(imported.added).toBe(1 + 15 + 15 + 2 + 1)
  const box = (fileName: string, frame: number, label: string, x: number, y: number, width: number, height: number) =>
    source.client.api.annotations.addBox({ imageId: imageId(source, fileName, frame), label, x, y, width, height })
  await box('CT_small.dcm', 0, 'lesion', 10, 20, 30, 40)
  await box('rtdose.dcm', 2, 'hot', 1, 1, 3, 4)
  await box('rtdose.dcm', 14, 'hot', 5, 5, 5, 5)
  await box('rtdose.dcm', 14, 'cold', 0, 0, 2, 2)
  await box('rtdose_rle.dcm', 2, 'cold', 2, 3, 4, 5)
  await box('SC_rgb_rle_2frame.dcm', 1, 'lesion', 50, 50, 25, 25)
  await box('photo.jpg', 0, 'hot', 4, 4, 8, 8)
})

afterAll(async () => {
  for (const loupe of opened) await loupe.close()
})

describe('COCO export of DICOM frames', () => {
  let out: string
  let coco: { images: { id: number; file_name: string; width: number; height: number; dicom?: Record<string, unknown> }[]; annotations: unknown[] }

  beforeAll(async () => {
    out = join(await tempDir(), 'coco')
    const exported = (await settled(source, source.client.api.exports.start({ format: 'coco', out, images: 'copy' }))).result as ExportResult
    expect(exported).toMatchObject({ images: 34, boxes: 7 })
    coco = JSON.parse(await readFile(join(out, 'annotations.json'), 'utf8'))
  })

  it('writes one image entry per frame, with distinct ids and names, and the DICOM identity', async () => {
    expect(new Set(coco.images.map((image) => image.id)).size).toBe(34)
    expect(new Set(coco.images.map((image) => image.file_name)).size).toBe(34)
    const byName = new Map(coco.images.map((image) => [image.file_name, image]))
    const ct = openDicomImage(await readFile(join(DICOM_DIR, 'CT_small.dcm'))).identity
    expect(byName.get('ct/CT_small.png')).toEqual({
      id: expect.any(Number),
      file_name: 'ct/CT_small.png',
      width: 128,
      height: 128,
      dicom: { study_instance_uid: ct.studyUid, series_instance_uid: ct.seriesUid, sop_instance_uid: ct.sopInstanceUid, frame_number: 1 },
    })
    expect(byName.get('dose/rtdose_frame3.png')?.dicom).toMatchObject({ sop_instance_uid: '1.9.999.999.99.9.9999.9999.20030818153516', frame_number: 3 })
    expect(byName.get('dose/rtdose_rle_frame15.png')?.dicom).toMatchObject({ frame_number: 15 })
    expect(byName.get('rgb/SC_rgb_rle_2frame_frame2.png')?.dicom).toMatchObject({ frame_number: 2 })
    expect(byName.get('photo.jpg')?.dicom).toBeUndefined()
  })

  it('copies each frame as a PNG of that frame, and other images as they are', async () => {
    const files = (await readdir(join(out, 'images'), { recursive: true })).filter((name) => name.endsWith('.png') || name.endsWith('.jpg'))
    expect(files.length).toBe(34)
    for (const [name, file, frame] of [
      ['dose/rtdose_frame15.png', 'rtdose.dcm', 14],
      ['rgb/SC_rgb_rle_2frame_frame2.png', 'SC_rgb_rle_2frame.dcm', 1],
    ] as const) {
      const expected = await renderDicomFrame(openDicomImage(await readFile(join(DICOM_DIR, file))), frame)
      // A grey frame is a grey PNG.
      expect((await sharp(join(out, 'images', name)).metadata()).channels, name).toBe(expected.channels)
      const pixels = await sharp(join(out, 'images', name))
        .toColourspace(expected.channels === 1 ? 'b-w' : 'srgb')
        .raw()
        .toBuffer()
      expect(pixels.equals(Buffer.from(expected.data)), name).toBe(true)
    }
    // The frames of a file are different pictures, so the check above does tell frames apart.
    const first = await sharp(join(out, 'images', 'rgb', 'SC_rgb_rle_2frame_frame1.png')).raw().toBuffer()
    const second = await sharp(join(out, 'images', 'rgb', 'SC_rgb_rle_2frame_frame2.png')).raw().toBuffer()
    expect(first.equals(second)).toBe(false)
    expect(await readFile(join(out, 'images', 'photo.jpg'))).toEqual(await readFile(join(folder, 'photo.jpg')))
  })

  it('imports back onto the same frames', async () => {
    const { loupe, result } = await importWith({ format: 'coco', path: join(out, 'annotations.json') })
    expect(result.annotations).toMatchObject({ images: 34, boxes: 7, skippedCount: 0 })
    expect(boxesOf(loupe)).toEqual(boxesOf(source))
  })

  it('finds frames by their DICOM identity when the names are gone, and says which it cannot tell apart', async () => {
    const path = join(await tempDir(), 'renamed.json')
    const images = coco.images.map((image) => ({ ...image, file_name: `renamed-${image.id}.png` }))
    await writeFile(path, JSON.stringify({ ...coco, images }))

    const refused = await freshLoupe()
    opened.push(refused)
    const started = await refused.client.api.imports.start({ paths: [folder], annotations: { format: 'coco', path } })
    const job = await refused.jobs.settled(started.id)
    expect(job.state).toBe('failed')
    expect(job.error).toContain('its DICOM instance and frame are in several imported files, and its name does not say which')

    const { loupe, result } = await importWith({ format: 'coco', path, skipInvalid: true })
    // The 30 dose frames share one SOP instance; the JPEG has no DICOM identity.
    expect(result.annotations).toMatchObject({ images: 3, skippedCount: 31 })
    expect(boxesOf(loupe)).toEqual(boxesOf(source).filter((box) => /^(CT_small|SC_rgb)/.test(box)))
  })
})

describe('Pascal VOC export of DICOM frames', () => {
  it('writes one XML per frame with a <dicom> element, and imports back onto the same frames', async () => {
    const out = join(await tempDir(), 'voc')
    await settled(source, source.client.api.exports.start({ format: 'voc', out }))
    const xmls = (await readdir(join(out, 'Annotations'), { recursive: true })).filter((name) => name.endsWith('.xml')).sort()
    expect(xmls.length).toBe(34)
    expect(xmls).toContain(join('dose', 'rtdose_frame15.xml'))
    expect(xmls).toContain(join('rgb', 'SC_rgb_rle_2frame_frame1.xml'))
    const xml = await readFile(join(out, 'Annotations', 'dose', 'rtdose_frame15.xml'), 'utf8')
    expect(xml).toContain('<filename>rtdose_frame15.png</filename>')
    expect(xml).toContain('<frameNumber>15</frameNumber>')
    expect(xml).toContain('<sopInstanceUid>1.9.999.999.99.9.9999.9999.20030818153516</sopInstanceUid>')

    const { loupe, result } = await importWith({ format: 'voc', path: out })
    expect(result.annotations).toMatchObject({ images: 34, boxes: 7, skippedCount: 0 })
    expect(boxesOf(loupe)).toEqual(boxesOf(source))
  })
})

describe('YOLO export of DICOM frames', () => {
  it('writes one label file and one PNG per frame, says the DICOM identity is lost, and imports back by name', async () => {
    const out = join(await tempDir(), 'yolo')
    const exported = (await settled(source, source.client.api.exports.start({ format: 'yolo', out, images: 'link' }))).result as ExportResult
    expect(exported.warnings).toContain('33 DICOM references (study, series and instance UIDs, frame number) not representable in this format')
    const labels = (await readdir(join(out, 'labels'), { recursive: true })).filter((name) => name.endsWith('.txt') && name !== 'classes.txt')
    expect(labels.length).toBe(34)
    expect(await readFile(join(out, 'labels', 'dose', 'rtdose_frame15.txt'), 'utf8')).toMatch(/^\d \S+ \S+ \S+ \S+\n\d \S+ \S+ \S+ \S+\n$/)
    expect(await readFile(join(out, 'labels', 'dose', 'rtdose_frame1.txt'), 'utf8')).toBe('')
    const png = await sharp(join(out, 'images', 'dose', 'rtdose_rle_frame3.png')).metadata()
    expect([png.format, png.width, png.height]).toEqual(['png', 10, 10])

    const { loupe, result } = await importWith({ format: 'yolo', path: out })
    expect(result.annotations).toMatchObject({ boxes: 7, skippedCount: 0 })
    expect(boxesOf(loupe)).toEqual(boxesOf(source))
  })
})
