import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  FormatError,
  parseCoco,
  readVoc,
  writeCoco,
  writeFolders,
  writeVoc,
  writeYolo,
  type AnnotationSet,
} from '../../../../src/main/engines/formats'
import { tempDir } from '../../../support/paths'
import { problemsOf } from './problems'

let base: string
beforeAll(async () => {
  base = await tempDir('loupe-formats-dicom-')
})

const STUDY = '1.2.826.0.1.3680043.8.498.1'
const SERIES = '1.2.826.0.1.3680043.8.498.2'
const SOP = '1.2.826.0.1.3680043.8.498.3'

/** Two frames of one multi-frame instance, and an image that is not DICOM. */
const set: AnnotationSet = {
  classes: ['lesion'],
  images: [
    {
      file: 'ct/scan_frame1.png',
      width: 64,
      height: 32,
      tags: [],
      boxes: [{ label: 'lesion', x: 1, y: 2, width: 3, height: 4 }],
      dicom: { studyInstanceUid: STUDY, seriesInstanceUid: SERIES, sopInstanceUid: SOP, frameNumber: 1 },
    },
    {
      file: 'ct/scan_frame2.png',
      width: 64,
      height: 32,
      tags: ['lesion'],
      boxes: [],
      dicom: { sopInstanceUid: SOP, frameNumber: 2 },
    },
    { file: 'photo.jpg', width: 10, height: 10, tags: [], boxes: [] },
  ],
}

describe('DICOM references in COCO', () => {
  it('writes a dicom object on each DICOM image entry, with the UIDs it knows and the 1-based frame number', async () => {
    const { dir, warnings } = await writeCoco(set, join(base, 'coco'))
    const json = JSON.parse(await readFile(join(dir, 'annotations.json'), 'utf8')) as { images: Record<string, unknown>[] }
    expect(json.images.map((image) => image.dicom)).toEqual([
      { study_instance_uid: STUDY, series_instance_uid: SERIES, sop_instance_uid: SOP, frame_number: 1 },
      { sop_instance_uid: SOP, frame_number: 2 },
      undefined,
    ])
    expect(new Set(json.images.map((image) => image.id)).size).toBe(3)
    expect(warnings.filter((w) => w.includes('DICOM'))).toEqual([])
  })

  it('reads the dicom object back; a missing frame number is frame 1', () => {
    const { set: back } = parseCoco(
      JSON.stringify({
        images: [{ id: 1, file_name: 'a.png', width: 4, height: 4, dicom: { sop_instance_uid: SOP } }],
        annotations: [],
        categories: [],
      }),
      'instances.json',
    )
    expect(back.images[0]?.dicom).toEqual({ sopInstanceUid: SOP, frameNumber: 1 })
  })

  it('refuses a malformed dicom object, naming the image and the key, and skips it with its boxes on request', () => {
    const doc = {
      images: [
        { id: 1, file_name: 'a.png', width: 4, height: 4, dicom: 'yes' },
        { id: 2, file_name: 'b.png', width: 4, height: 4, dicom: { sop_instance_uid: SOP, frame_number: 0 } },
        { id: 3, file_name: 'c.png', width: 4, height: 4, dicom: { series_instance_uid: 'not a uid' } },
        { id: 4, file_name: 'd.png', width: 4, height: 4, dicom: { study_instance_uid: 12 } },
        { id: 5, file_name: 'e.png', width: 4, height: 4, dicom: { sop_instance_uid: SOP, frame_number: 3 } },
      ],
      annotations: [
        { id: 1, image_id: 2, category_id: 1, bbox: [0, 0, 1, 1] },
        { id: 2, image_id: 5, category_id: 1, bbox: [0, 0, 1, 1] },
      ],
      categories: [{ id: 1, name: 'x' }],
    }
    const error = problemsOf(() => parseCoco(JSON.stringify(doc), 'instances.json'))
    expect(error.problems.map((p) => `${p.entry}: ${p.message}`)).toEqual([
      'image id 1: "dicom" must be an object (skipped with its annotations)',
      'image id 2: "dicom.frame_number" must be a whole number from 1 (skipped with its annotations)',
      'image id 3: "dicom.series_instance_uid": UID "not a uid" has spaces, control or non-ASCII characters (skipped with its annotations)',
      'image id 4: "dicom.study_instance_uid" must be a string (skipped with its annotations)',
    ])
    const { set: valid, skippedCount } = parseCoco(JSON.stringify(doc), 'instances.json', { skipInvalid: true })
    expect(skippedCount).toBe(4)
    expect(valid.images.map((image) => [image.file, image.dicom, image.boxes.length])).toEqual([
      ['e.png', { sopInstanceUid: SOP, frameNumber: 3 }, 1],
    ])
  })
})

describe('DICOM references in Pascal VOC', () => {
  it('writes a <dicom> element after <segmented> and reads it back', async () => {
    const { dir, warnings } = await writeVoc(set, join(base, 'voc'))
    const xml = await readFile(join(dir, 'Annotations', 'ct', 'scan_frame1.xml'), 'utf8')
    expect(xml).toContain(
      [
        '\t<segmented>0</segmented>',
        '\t<dicom>',
        `\t\t<studyInstanceUid>${STUDY}</studyInstanceUid>`,
        `\t\t<seriesInstanceUid>${SERIES}</seriesInstanceUid>`,
        `\t\t<sopInstanceUid>${SOP}</sopInstanceUid>`,
        '\t\t<frameNumber>1</frameNumber>',
        '\t</dicom>',
        '\t<object>',
      ].join('\n'),
    )
    expect(await readFile(join(dir, 'Annotations', 'photo.xml'), 'utf8')).not.toContain('<dicom>')
    expect(warnings.filter((w) => w.includes('DICOM'))).toEqual([])
    const { set: back } = await readVoc(dir)
    expect(back.images.map((image) => [image.file, image.dicom])).toEqual([
      ['ct/scan_frame1.png', set.images[0]!.dicom],
      ['ct/scan_frame2.png', set.images[1]!.dicom],
      ['photo.jpg', undefined],
    ])
  })

  it('refuses a malformed <dicom> element, naming the file and the line', async () => {
    const dir = join(base, 'voc-bad')
    await mkdir(dir)
    const xml = (dicom: string) =>
      `<annotation><filename>a.png</filename><size><width>4</width><height>4</height></size>\n${dicom}\n</annotation>`
    await writeFile(join(dir, 'a.xml'), xml('<dicom><sopInstanceUid>1.2</sopInstanceUid><frameNumber>two</frameNumber></dicom>'))
    await writeFile(join(dir, 'b.xml'), xml('<dicom><frameNumber>2.5</frameNumber></dicom>'))
    const error = await readVoc(dir).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FormatError)
    expect((error as FormatError).problems).toEqual([
      { file: 'a.xml', entry: 'dicom (line 2)', message: '<frameNumber> must be a whole number from 1' },
      { file: 'b.xml', entry: 'dicom (line 2)', message: '<frameNumber> must be a whole number from 1' },
    ])
  })
})

describe('formats without a place for DICOM references', () => {
  it('YOLO says how many it left out', async () => {
    const { warnings } = await writeYolo(set, join(base, 'yolo'))
    expect(warnings).toContain('2 DICOM references (study, series and instance UIDs, frame number) not representable in this format')
  })

  it('folder per class says so too', async () => {
    const sources = join(base, 'folder-sources')
    const { warnings } = await writeFolders(set, join(base, 'folders'), {
      images: { sourceOf: (file) => join(sources, file), render: async () => Buffer.from('png') },
    })
    expect(warnings).toContain('2 DICOM references (study, series and instance UIDs, frame number) not representable in this format')
  })
})
