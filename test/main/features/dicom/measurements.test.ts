import { readFile, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { DicomMeasurementRow, MeasurementPoint } from '../../../../src/shared/api/schemas'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'
import { DICOM_DIR } from '../../engines/dicom/helpers'

/** CT_small.dcm's header, read by hand: PixelSpacing 0.661468\0.661468, RescaleSlope 1, RescaleIntercept -1024. */
const CT_SPACING = 0.661468
const CT_INTERCEPT = -1024
const CT_SIZE = 128

let loupe: Loupe
let ct: number
let greyPicture: number
let colourPicture: number

/**
 * CT_small's Hounsfield units read straight from the file, without Loupe's decoder: its Pixel Data element (7FE0,0010),
 * explicit VR OW, holds 128 × 128 signed 16-bit little-endian stored values; HU = stored + intercept (slope 1).
 */
async function ctHounsfieldUnits(): Promise<Int16Array> {
  const bytes = await readFile(join(DICOM_DIR, 'CT_small.dcm'))
  const tag = bytes.indexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x57]))
  const start = tag + 12
  const values = new Int16Array(CT_SIZE * CT_SIZE)
  for (let i = 0; i < values.length; i++) values[i] = bytes.readInt16LE(start + i * 2) + CT_INTERCEPT
  return values
}

function imageNamed(fileName: string): number {
  return (loupe.workspace.db.prepare('SELECT id FROM images WHERE file_name = ?').get(fileName) as { id: number }).id
}

const add = (imageId: number, kind: 'length' | 'rectangle' | 'ellipse' | 'angle', points: MeasurementPoint[]) =>
  loupe.client.api.annotations.addMeasurement({ imageId, kind, points })

beforeAll(async () => {
  loupe = await freshLoupe()
  const pictures = await tempDir()
  // A grey picture whose level is its column (0..199), and a colour one.
  const ramp = Buffer.alloc(200 * 100)
  for (let i = 0; i < ramp.length; i++) ramp[i] = i % 200
  await sharp(ramp, { raw: { width: 200, height: 100, channels: 1 } }).toColourspace('b-w').png().toFile(join(pictures, 'ramp.png'))
  await writeJpeg(join(pictures, 'colour.jpg'), 3, 120, 90)
  await importThroughApi(loupe, [join(DICOM_DIR, 'CT_small.dcm'), join(pictures, 'ramp.png'), join(pictures, 'colour.jpg')])
  ct = imageNamed('CT_small.dcm')
  greyPicture = imageNamed('ramp.png')
  colourPicture = imageNamed('colour.jpg')
  // A 3-4-5 triangle of 50 pixels; a 20 × 10 region with its corners on pixel edges; its inscribed ellipse; a right angle.
  await add(ct, 'length', [{ x: 20.5, y: 30.5 }, { x: 50.5, y: 70.5 }])
  await add(ct, 'rectangle', [{ x: 40, y: 60 }, { x: 60, y: 70 }])
  await add(ct, 'ellipse', [{ x: 40, y: 60 }, { x: 60, y: 70 }])
  await add(ct, 'angle', [{ x: 90, y: 20 }, { x: 70, y: 20 }, { x: 70, y: 50 }])
  await add(greyPicture, 'rectangle', [{ x: 10, y: 10 }, { x: 20, y: 30 }])
  await add(colourPicture, 'length', [{ x: 0, y: 0 }, { x: 30, y: 40 }])
})

afterAll(async () => {
  await loupe?.close()
})

describe('dicom.measurements', () => {
  it('gives CT_small’s length in mm from its PixelSpacing and its regions’ HU from exactly the pixels inside', async () => {
    const rows = await loupe.client.api.dicom.measurements({ imageIds: [ct] })
    expect(rows.map((row) => row.measurement.kind)).toEqual(['length', 'rectangle', 'ellipse', 'angle'])
    const [length, rectangle, ellipse, angle] = rows as [DicomMeasurementRow, DicomMeasurementRow, DicomMeasurementRow, DicomMeasurementRow]
    expect(length).toMatchObject({ imageId: ct, fileName: 'CT_small.dcm', frame: 0, seriesUid: expect.stringMatching(/^1\.3\.6/), instanceNumber: 1 })
    expect(length.values.lengthUnit).toBe('mm')
    expect(length.values.lengths[0]).toBeCloseTo(50 * CT_SPACING, 6)
    expect(length.values.note).toBeNull()
    // The same spacing and unit the reader gets from dicom.frame.
    const info = await loupe.client.api.dicom.frame({ imageId: ct })
    expect(info.pixelSpacing).toEqual({ row: CT_SPACING, column: CT_SPACING, source: 'PixelSpacing' })
    expect(info.units).toBe('HU')

    const hu = await ctHounsfieldUnits()
    const inside: number[] = []
    for (let row = 60; row < 70; row++) for (let column = 40; column < 60; column++) inside.push(hu[row * CT_SIZE + column]!)
    const mean = inside.reduce((sum, value) => sum + value, 0) / inside.length
    expect(rectangle.values.stats).toMatchObject({ pixels: 200, min: Math.min(...inside), max: Math.max(...inside) })
    expect(rectangle.values.stats!.mean).toBeCloseTo(mean, 6)
    expect(rectangle.values.valueUnit).toBe('HU')
    expect(rectangle.values.area).toBeCloseTo(200 * CT_SPACING ** 2, 6)
    // The ellipse keeps the pixels whose centres lie inside it: fewer, and its area is π/4 of the rectangle's.
    expect(ellipse.values.stats!.pixels).toBeLessThan(200)
    expect(ellipse.values.area).toBeCloseTo((Math.PI / 4) * 200 * CT_SPACING ** 2, 6)
    expect(angle.values.angleDegrees).toBeCloseTo(90, 10)
  })

  it('measures other pictures in pixels: a grey one’s levels, a colour one without statistics', async () => {
    const rows = await loupe.client.api.dicom.measurements({ imageIds: [greyPicture, colourPicture] })
    const grey = rows.find((row) => row.imageId === greyPicture)!
    expect(grey).toMatchObject({ fileName: 'ramp.png', seriesUid: null, instanceNumber: null })
    expect(grey.values).toMatchObject({ lengthUnit: 'px', lengths: [10, 20], area: 200, valueUnit: null })
    // Columns 10..19, each pixel's level its column.
    expect(grey.values.stats).toMatchObject({ pixels: 200, mean: 14.5, min: 10, max: 19 })
    expect(grey.values.note).toMatch(/no pixel spacing/i)
    const colour = rows.find((row) => row.imageId === colourPicture)!
    expect(colour.values).toMatchObject({ lengths: [50], lengthUnit: 'px', stats: null })
  })

  it('lists every image’s measurements when none are named, and refuses an unknown image', async () => {
    const all = await loupe.client.api.dicom.measurements({})
    expect(all).toHaveLength(6)
    await expect(loupe.client.api.dicom.measurements({ imageIds: [ct, 9999] })).rejects.toThrow(/There is no image 9999/)
  })

  it('still gives the sizes in pixels, saying why, when an image’s file cannot be read', async () => {
    const dir = await tempDir()
    await writeJpeg(join(dir, 'moved.jpg'), 5, 80, 60)
    await importThroughApi(loupe, [dir])
    const moved = imageNamed('moved.jpg')
    await add(moved, 'rectangle', [{ x: 0, y: 0 }, { x: 10, y: 20 }])
    await rm(join(dir, 'moved.jpg'))
    const [row] = await loupe.client.api.dicom.measurements({ imageIds: [moved] })
    expect(row!.values).toMatchObject({ lengths: [10, 20], area: 200, lengthUnit: 'px', stats: null })
    expect(row!.values.note).toMatch(/^The file cannot be read now \(.+\): sizes are in pixels, without values\.$/)
  })
})

describe('dicom.exportImages with measurements', () => {
  it('writes measurements.csv, named by the exported files and free of the patient’s identity', async () => {
    const out = join(await tempDir(), 'scans')
    const result = await loupe.client.api.dicom.exportImages({ imageIds: [ct], out, format: 'png' })
    expect(result.measurementsFile).toBe(join(out, 'measurements.csv'))
    const csv = await readFile(result.measurementsFile!, 'utf8')
    const [header, ...lines] = csv.trimEnd().split('\r\n')
    expect(header).toBe(
      'file,frame,instance,kind,points,length_1,length_2,length_unit,area,area_unit,angle_degrees,mean,sd,min,max,value_unit,pixels,note',
    )
    expect(lines).toHaveLength(4)
    const fields = lines.map((line) => line.split(','))
    const exported = basename(result.written[0]!.file)
    expect(exported).toBe('image-0001.png')
    expect(fields.map((row) => row[0])).toEqual([exported, exported, exported, exported])
    expect(Number(fields[0]![5])).toBeCloseTo(50 * CT_SPACING, 3)
    expect(fields[0]![7]).toBe('mm')
    const rectangle = (await loupe.client.api.dicom.measurements({ imageIds: [ct] }))[1]!
    expect(Number(fields[1]![11])).toBeCloseTo(rectangle.values.stats!.mean, 3)
    expect(fields[1]!.slice(13, 17)).toEqual([String(rectangle.values.stats!.min), String(rectangle.values.stats!.max), 'HU', '200'])
    expect(Number(fields[3]![10])).toBeCloseTo(90, 3)

    const { patient, study, series } = await loupe.client.api.dicom.metadata({ imageId: ct })
    for (const identifying of [patient.name, patient.id, study.uid, series.uid, 'CT_small']) {
      expect(identifying && csv.includes(identifying)).toBeFalsy()
    }
  })

  it('writes no measurements.csv when the chosen images carry none', async () => {
    await importThroughApi(loupe, [join(DICOM_DIR, 'MR_small.dcm')])
    const mr = imageNamed('MR_small.dcm')
    const result = await loupe.client.api.dicom.exportImages({ imageIds: [mr], out: join(await tempDir(), 'scans'), format: 'png' })
    expect(result.measurementsFile).toBeNull()
  })

  it('inverts the picture on request, and burns a length in along its line and nowhere far from it', async () => {
    const pixels = async (request: { invert?: boolean; burnInMeasurements?: boolean }) => {
      const result = await loupe.client.api.dicom.exportImages({ imageIds: [ct], out: join(await tempDir(), 'scans'), format: 'png', ...request })
      const { data, info } = await sharp(result.written[0]!.file).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true })
      expect([info.width, info.height]).toEqual([CT_SIZE, CT_SIZE])
      return (column: number, row: number) => [...data.subarray((row * CT_SIZE + column) * info.channels, (row * CT_SIZE + column + 1) * info.channels)]
    }
    const plain = await pixels({})
    const inverted = await pixels({ invert: true })
    for (const [column, row] of [[0, 0], [64, 64], [100, 30], [127, 127]] as const) {
      expect(inverted(column, row)).toEqual(plain(column, row).map((level) => 255 - level))
    }

    // Only a length, so that what changes is its line and its label.
    const alone = await loupe.client.api.annotations.get({ imageId: ct })
    await loupe.client.api.annotations.deleteMeasurements({ imageId: ct, measurementIds: alone.measurements.map((m) => m.id) })
    await add(ct, 'length', [{ x: 10, y: 100.5 }, { x: 50, y: 100.5 }])
    try {
      const burnt = await pixels({ burnInMeasurements: true })
      for (let column = 12; column <= 48; column += 4) expect(burnt(column, 100)).not.toEqual(plain(column, 100))
      // Far from the line and its label (which sits just above its right end): untouched.
      for (let row = 0; row < 70; row += 3) for (let column = 0; column < CT_SIZE; column += 3) expect(burnt(column, row)).toEqual(plain(column, row))
      for (let row = 110; row < CT_SIZE; row += 3) for (let column = 0; column < CT_SIZE; column += 3) expect(burnt(column, row)).toEqual(plain(column, row))
    } finally {
      // Back to the four measurements the other tests read.
      for (let undo = 0; undo < 2; undo++) await loupe.client.api.annotations.undo({ imageId: ct })
    }
  })
})
