import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { encodeDataSet, part10File, textValue, type WriteElement } from '../../../../src/main/engines/dicom/write'
import type { ImageFilter } from '../../../../src/shared/api/schemas'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2'
const EXPLICIT_LITTLE = '1.2.840.10008.1.2.1'
const STUDY = '2.25.7001'
const AXIAL = '2.25.7002'
const SCOUT = '2.25.7003'
const SIZE = 8

/** A small CT file of `frames` frames, its pixels made from `seed` so that every frame has its own content hash. */
function ctFile(options: { series: string; instance: number | null; seed: number; frames?: number }): Uint8Array {
  const frames = options.frames ?? 1
  const sopInstance = `2.25.${8000 + options.seed}`
  const text = (tag: string, vr: string, value: string): WriteElement => ({ tag, vr, value: textValue(value, vr) })
  const us = (tag: string, value: number): WriteElement => ({ tag, vr: 'US', value: new Uint8Array([value & 255, value >> 8]) })
  const pixels = new Uint8Array(SIZE * SIZE * frames * 2)
  const view = new DataView(pixels.buffer)
  for (let i = 0; i < SIZE * SIZE * frames; i += 1) view.setUint16(i * 2, (options.seed * 131 + i * 7) % 4000, true)
  const elements: WriteElement[] = [
    text('00080016', 'UI', CT_IMAGE_STORAGE),
    text('00080018', 'UI', sopInstance),
    text('00080060', 'CS', 'CT'),
    text('00100010', 'PN', 'Series^Filter'),
    text('00100020', 'LO', 'SF-1'),
    text('0020000D', 'UI', STUDY),
    text('0020000E', 'UI', options.series),
    text('00200011', 'IS', options.series === AXIAL ? '2' : '1'),
    ...(options.instance === null ? [] : [text('00200013', 'IS', String(options.instance))]),
    us('00280002', 1),
    text('00280004', 'CS', 'MONOCHROME2'),
    ...(frames > 1 ? [text('00280008', 'IS', String(frames))] : []),
    us('00280010', SIZE),
    us('00280011', SIZE),
    us('00280100', 16),
    us('00280101', 12),
    us('00280102', 11),
    us('00280103', 0),
    text('00281052', 'DS', '-1024'),
    text('00281053', 'DS', '1'),
    { tag: '7FE00010', vr: 'OW', value: pixels },
  ]
  const dataset = encodeDataSet(elements, { explicitVr: true, littleEndian: true })
  return part10File({ sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: sopInstance, transferSyntaxUid: EXPLICIT_LITTLE }, dataset)
}

let loupe: Loupe

async function listed(filter: ImageFilter, options: { descending?: boolean; sort?: 'name' | 'added' } = {}): Promise<string[]> {
  const page = await loupe.client.api.catalog.listImages({ filter, ...options })
  const frames = loupe.workspace.db.prepare('SELECT id, frame FROM images').all() as { id: number; frame: number }[]
  const frameOf = new Map(frames.map((row) => [row.id, row.frame]))
  return page.items.map((item) => `${item.fileName}#${frameOf.get(item.id)}`)
}

beforeAll(async () => {
  const dir = await tempDir('loupe-series-')
  // File names deliberately out of instance order: the catalogue adds them by name, so ids are not the series order.
  await writeFile(join(dir, 'a.dcm'), ctFile({ series: AXIAL, instance: 3, seed: 1 }))
  await writeFile(join(dir, 'b.dcm'), ctFile({ series: AXIAL, instance: 1, seed: 2 }))
  await writeFile(join(dir, 'c.dcm'), ctFile({ series: AXIAL, instance: 4, seed: 3, frames: 2 }))
  await writeFile(join(dir, 'd.dcm'), ctFile({ series: AXIAL, instance: 2, seed: 4 }))
  await writeFile(join(dir, 'e.dcm'), ctFile({ series: SCOUT, instance: 1, seed: 5 }))
  await writeJpeg(join(dir, 'photo.jpg'), 6)
  loupe = await freshLoupe()
  const { result } = await importThroughApi(loupe, [dir])
  expect(result.failed).toEqual([])
  expect(result.added).toBe(7)
})

afterAll(async () => {
  await loupe?.close()
})

describe('listing one DICOM series', () => {
  it('lists only the series, in instance and frame order, whatever the sort', async () => {
    const inOrder = ['b.dcm#0', 'd.dcm#0', 'a.dcm#0', 'c.dcm#0', 'c.dcm#1']
    expect(await listed({ dicomSeries: AXIAL })).toEqual(inOrder)
    expect(await listed({ dicomSeries: AXIAL }, { sort: 'name' })).toEqual(inOrder)
    expect(await listed({ dicomSeries: AXIAL }, { descending: true })).toEqual([...inOrder].reverse())
    expect(await listed({ dicomSeries: SCOUT })).toEqual(['e.dcm#0'])
    const page = await loupe.client.api.catalog.listImages({ filter: { dicomSeries: AXIAL }, offset: 2, limit: 2 })
    expect(page.total).toBe(5)
    expect(page.items.map((item) => item.fileName)).toEqual(['a.dcm', 'c.dcm'])
  })

  it('matches the series tree the sidebar shows', async () => {
    const tree = await loupe.client.api.dicom.series({})
    const axial = tree.flatMap((patient) => patient.studies.flatMap((study) => study.series)).find((series) => series.seriesUid === AXIAL)
    const page = await loupe.client.api.catalog.listImages({ filter: { dicomSeries: AXIAL } })
    expect(page.items.map((item) => item.id)).toEqual(axial?.images.map((image) => image.imageId))
  })

  it('combines with the other filters', async () => {
    const [first] = (await loupe.client.api.catalog.listImages({ filter: { dicomSeries: AXIAL } })).items
    await loupe.client.api.catalog.labelImages({ imageIds: [first!.id], label: 'nodule' })
    expect(await listed({ dicomSeries: AXIAL, label: 'nodule' })).toEqual(['b.dcm#0'])
    expect(await listed({ dicomSeries: AXIAL, label: null })).toEqual(['d.dcm#0', 'a.dcm#0', 'c.dcm#0', 'c.dcm#1'])
    expect(await listed({ dicomSeries: SCOUT, label: 'nodule' })).toEqual([])
  })

  it('finds nothing for a series the catalogue does not have, and refuses an empty one', async () => {
    const page = await loupe.client.api.catalog.listImages({ filter: { dicomSeries: '2.25.404' } })
    expect(page).toEqual({ total: 0, offset: 0, items: [] })
    const envelope = await loupe.dispatcher.invoke('catalog.listImages', { filter: { dicomSeries: '' } })
    expect(envelope.ok).toBe(false)
    if (!envelope.ok) expect(envelope.error.message).toMatch(/dicomSeries/)
  })
})
