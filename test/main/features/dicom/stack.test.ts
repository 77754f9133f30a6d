import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { encodeDataSet, part10File, textValue, type WriteElement } from '../../../../src/main/engines/dicom/write'
import type { DicomStack } from '../../../../src/shared/api/schemas'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'
import { writeSyntheticSeries } from '../../../support/synthetic-series'
import { DICOM_DIR } from '../../engines/dicom/helpers'

const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7'
let uidCounter = 0

/** A 4×4 grey DICOM file of one series, with only the plane and instance tags asked for. */
function sliceFile(options: {
  seriesUid: string | null
  instance?: number
  position?: [number, number, number]
  orientation?: number[]
  sliceLocation?: number
  frames?: number
}): Uint8Array {
  uidCounter += 1
  const sopInstance = `2.25.9${uidCounter}`
  const text = (tag: string, vr: string, value: string): WriteElement => ({ tag, vr, value: textValue(value, vr) })
  const us = (tag: string, value: number): WriteElement => ({ tag, vr: 'US', value: Uint8Array.of(value & 255, value >> 8) })
  const frames = options.frames ?? 1
  const pixels = new Uint8Array(16 * frames).map((_, i) => (i * 7 + uidCounter) & 255)
  const elements: WriteElement[] = [
    text('00080016', 'UI', SECONDARY_CAPTURE),
    text('00080018', 'UI', sopInstance),
    text('00080060', 'CS', 'MR'),
    text('00100010', 'PN', 'Stack^Test'),
    text('0020000D', 'UI', '2.25.77'),
    ...(options.seriesUid ? [text('0020000E', 'UI', options.seriesUid)] : []),
    ...(options.instance !== undefined ? [text('00200013', 'IS', String(options.instance))] : []),
    ...(options.position ? [text('00200032', 'DS', options.position.join('\\'))] : []),
    ...(options.orientation ? [text('00200037', 'DS', options.orientation.join('\\'))] : []),
    ...(options.sliceLocation !== undefined ? [text('00201041', 'DS', String(options.sliceLocation))] : []),
    ...(frames > 1 ? [text('00280008', 'IS', String(frames))] : []),
    us('00280002', 1),
    text('00280004', 'CS', 'MONOCHROME2'),
    us('00280010', 4),
    us('00280011', 4),
    us('00280100', 8),
    us('00280101', 8),
    us('00280102', 7),
    us('00280103', 0),
    { tag: '7FE00010', vr: 'OB', value: pixels },
  ]
  const dataset = encodeDataSet(elements, { explicitVr: true, littleEndian: true })
  return part10File({ sopClassUid: SECONDARY_CAPTURE, sopInstanceUid: sopInstance, transferSyntaxUid: '1.2.840.10008.1.2.1' }, dataset)
}

let loupe: Loupe
let root: string

function idOf(fileName: string, frame = 0): number {
  const row = loupe.workspace.db.prepare('SELECT id FROM images WHERE file_name = ? AND frame = ?').get(fileName, frame) as
    | { id: number }
    | undefined
  if (!row) throw new Error(`${fileName} frame ${frame} is not in the catalogue`)
  return row.id
}

function fileNamesOf(stack: DicomStack): string[] {
  const name = loupe.workspace.db.prepare('SELECT file_name FROM images WHERE id = ?')
  return stack.slices.map((slice) => (name.get(slice.imageId) as { file_name: string }).file_name)
}

/** Axial slices whose instance numbers and file names run against their positions. */
const AXIAL = [1, 0, 0, 0, 1, 0]
const BY_POSITION = [
  { name: 'e.dcm', z: -20, instance: 3 },
  { name: 'b.dcm', z: -10, instance: 5 },
  { name: 'd.dcm', z: 0, instance: 1 },
  { name: 'a.dcm', z: 10, instance: 4 },
  { name: 'c.dcm', z: 20, instance: 2 },
]

beforeAll(async () => {
  loupe = await freshLoupe()
  root = await tempDir()
  const positioned = join(root, 'positioned')
  const unpositioned = join(root, 'unpositioned')
  const alone = join(root, 'alone')
  for (const dir of [positioned, unpositioned, alone]) await mkdir(dir)
  for (const { name, z, instance } of BY_POSITION) {
    await writeFile(join(positioned, name), sliceFile({ seriesUid: '2.25.1001', instance, position: [-50, -50, z], orientation: AXIAL }))
  }
  for (const [name, instance] of [['x.dcm', 2], ['y.dcm', 3], ['z.dcm', 1]] as const) {
    await writeFile(join(unpositioned, name), sliceFile({ seriesUid: '2.25.1002', instance, sliceLocation: instance * 4 }))
  }
  await writeFile(join(alone, 'cine.dcm'), sliceFile({ seriesUid: null, frames: 3 }))
  await copyFile(join(DICOM_DIR, 'rtdose.dcm'), join(alone, 'rtdose.dcm'))
  await writeJpeg(join(alone, 'photo.jpg'), 5)
  const { result } = await importThroughApi(loupe, [positioned, unpositioned, alone])
  expect(result.failed).toEqual([])
})

afterAll(async () => {
  await loupe?.close()
})

describe('dicom.stack: a series in reading order', () => {
  it('orders slices by their position along the normal, whatever their instance numbers and file names', async () => {
    const stack = await loupe.client.api.dicom.stack({ imageId: idOf('a.dcm') })
    expect(stack).toMatchObject({
      order: 'position',
      normal: [0, 0, 1],
      seriesUid: '2.25.1001',
      modality: 'MR',
      patient: { name: 'Stack^Test' },
      study: { uid: '2.25.77' },
      framesPerSecond: null,
    })
    expect(fileNamesOf(stack)).toEqual(BY_POSITION.map((slice) => slice.name))
    expect(stack.slices.map((slice) => slice.location)).toEqual(BY_POSITION.map((slice) => slice.z))
    expect(stack.slices.map((slice) => slice.instanceNumber)).toEqual(BY_POSITION.map((slice) => slice.instance))
    expect(stack.index).toBe(3)
    expect(stack.slices[stack.index]!.imageId).toBe(idOf('a.dcm'))
  })

  it('orders slices without positions by instance number, their location from SliceLocation', async () => {
    const stack = await loupe.client.api.dicom.stack({ imageId: idOf('x.dcm') })
    expect(stack).toMatchObject({ order: 'instance', normal: null, index: 1 })
    expect(fileNamesOf(stack)).toEqual(['z.dcm', 'x.dcm', 'y.dcm'])
    expect(stack.slices.map((slice) => slice.location)).toEqual([4, 8, 12])
  })

  it('stacks the frames of a file without a series UID, in file order', async () => {
    const stack = await loupe.client.api.dicom.stack({ imageId: idOf('cine.dcm', 2) })
    expect(stack).toMatchObject({ order: 'file', seriesUid: null, index: 2 })
    expect(stack.slices.map((slice) => [slice.imageId, slice.frame])).toEqual([0, 1, 2].map((frame) => [idOf('cine.dcm', frame), frame]))
  })

  it('places a multi-frame dose grid’s frames by their offsets', async () => {
    const stack = await loupe.client.api.dicom.stack({ imageId: idOf('rtdose.dcm', 4) })
    expect(stack).toMatchObject({ order: 'position', normal: [0, 0, 1], index: 4 })
    expect(stack.frameOfReferenceUid).toBe('2.22.222.2.222222.2.2222222222222222222222222222.2')
    expect(stack.slices.map((slice) => slice.frame)).toEqual([...Array(15).keys()])
    stack.slices.forEach((slice, i) => expect(slice.location!).toBeCloseTo(-761.87 + 5 * i, 6))
  })

  it('refuses an image that is not DICOM, and one that does not exist, saying why', async () => {
    await expect(loupe.client.api.dicom.stack({ imageId: idOf('photo.jpg') })).rejects.toThrow(
      /is not a DICOM image, so it has no series to scroll through/,
    )
    expect(await loupe.dispatcher.invoke('dicom.stack', { imageId: 999_999 })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'There is no image 999999 in this catalogue.' },
    })
  })

  it('stacks a synthetic CT series by position from the geometry kept at import, read again when it is missing', async () => {
    const dir = join(root, 'synthetic')
    const paths = await writeSyntheticSeries(dir, { slices: 6, size: 32 })
    await importThroughApi(loupe, [dir])
    const ids = paths.map((path) => idOf(path.split('/').at(-1)!))
    const kept = () =>
      (loupe.workspace.db.prepare('SELECT COUNT(*) AS n FROM dicom_geometry WHERE image_id IN (SELECT value FROM json_each(?))').get(JSON.stringify(ids)) as { n: number }).n
    expect(kept()).toBe(6)

    const stack = await loupe.client.api.dicom.stack({ imageId: ids[2]! })
    expect(stack).toMatchObject({ order: 'position', normal: [0, 0, 1], modality: 'CT', index: 2 })
    expect(stack.frameOfReferenceUid).toMatch(/^2\.25\.\d+$/)
    expect(stack.slices.map((slice) => slice.imageId)).toEqual(ids)
    expect(stack.slices.map((slice) => slice.location)).toEqual([-150, -149, -148, -147, -146, -145])

    // A workspace from before geometry was kept: the first stack reads the files and keeps what it read.
    loupe.workspace.db.prepare('DELETE FROM dicom_geometry').run()
    expect(await loupe.client.api.dicom.stack({ imageId: ids[2]! })).toEqual(stack)
    expect(kept()).toBe(6)

    // From then on the files are not read: the series stacks the same with them gone.
    await rename(dir, `${dir}-moved`)
    expect(await loupe.client.api.dicom.stack({ imageId: ids[2]! })).toEqual(stack)
  })
})
