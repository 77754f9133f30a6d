import { randomUUID } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeDicomFrame, openDicomImage } from '../../src/main/engines/dicom'
import { encodeDataSet, part10File, textValue, type WriteElement } from '../../src/main/engines/dicom/write'
import { SHARED_DATA } from './paths'

const SOURCE = join(SHARED_DATA, 'dicom', 'CT_small.dcm')
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2'
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1'
/** CT_small's field of view (128 pixels of 0.661468 mm), kept whatever the size, and the slices 1 mm apart. */
const FIELD_OF_VIEW_MM = 128 * 0.661468
const SLICE_STEP_MM = 1
const FIRST_POSITION = [-FIELD_OF_VIEW_MM / 2, -FIELD_OF_VIEW_MM / 2, -150] as const

function newUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`
}

const text = (tag: string, vr: string, value: string): WriteElement => ({ tag, vr, value: textValue(value, vr) })

function uint16(tag: string, value: number): WriteElement {
  const bytes = new Uint8Array(2)
  new DataView(bytes.buffer).setUint16(0, value, true)
  return { tag, vr: 'US', value: bytes }
}

/** A DS value: decimal strings hold at most 16 characters. */
function decimal(value: number): string {
  return Number(value.toPrecision(10)).toString()
}

/** CT_small's stored values, enlarged bilinearly to size × size. */
async function enlargedSlice(size: number): Promise<Int16Array> {
  const image = openDicomImage(await readFile(SOURCE))
  const { decoded } = await decodeDicomFrame(image, 0)
  if (decoded.kind !== 'values') throw new Error('CT_small.dcm should be a grey image')
  const source = decoded.values
  const { rows, columns } = image.module
  const out = new Int16Array(size * size)
  for (let y = 0; y < size; y += 1) {
    const sy = Math.min(rows - 1, Math.max(0, ((y + 0.5) * rows) / size - 0.5))
    const y0 = Math.floor(sy)
    const y1 = Math.min(rows - 1, y0 + 1)
    const fy = sy - y0
    for (let x = 0; x < size; x += 1) {
      const sx = Math.min(columns - 1, Math.max(0, ((x + 0.5) * columns) / size - 0.5))
      const x0 = Math.floor(sx)
      const x1 = Math.min(columns - 1, x0 + 1)
      const fx = sx - x0
      const top = source[y0 * columns + x0]! * (1 - fx) + source[y0 * columns + x1]! * fx
      const bottom = source[y1 * columns + x0]! * (1 - fx) + source[y1 * columns + x1]! * fx
      out[y * size + x] = Math.round(top * (1 - fy) + bottom * fy)
    }
  }
  return out
}

/**
 * Writes an axial CT series of `slices` files (default 300) of `size`² pixels (default 512) into `dir`, made from the
 * real slice CT_small.dcm: its values enlarged, shifted a little per slice (a wave that moves through the series) so
 * no two slices are alike, with new study, series and instance UIDs, one frame of reference, InstanceNumber 1…N and
 * ImagePositionPatient / SliceLocation stepping 1 mm along z. Returns the files' paths in instance order.
 */
export async function writeSyntheticSeries(dir: string, options: { slices?: number; size?: number } = {}): Promise<string[]> {
  const slices = options.slices ?? 300
  const size = options.size ?? 512
  const base = await enlargedSlice(size)
  const spacing = decimal(FIELD_OF_VIEW_MM / size)
  const study = newUid()
  const series = newUid()
  const frameOfReference = newUid()
  const shared: WriteElement[] = [
    text('00080016', 'UI', CT_IMAGE_STORAGE),
    text('00080020', 'DA', '20260101'),
    text('00080060', 'CS', 'CT'),
    text('0008103E', 'LO', `Synthetic ${slices}-slice CT`),
    text('00100010', 'PN', 'Synthetic^Series'),
    text('00100020', 'LO', 'SYNTH-0001'),
    text('00180050', 'DS', decimal(SLICE_STEP_MM)),
    text('0020000D', 'UI', study),
    text('0020000E', 'UI', series),
    text('00200011', 'IS', '1'),
    text('00200037', 'DS', '1\\0\\0\\0\\1\\0'),
    text('00200052', 'UI', frameOfReference),
    uint16('00280002', 1),
    text('00280004', 'CS', 'MONOCHROME2'),
    uint16('00280010', size),
    uint16('00280011', size),
    text('00280030', 'DS', `${spacing}\\${spacing}`),
    uint16('00280100', 16),
    uint16('00280101', 16),
    uint16('00280102', 15),
    uint16('00280103', 1),
    text('00281052', 'DS', '-1024'),
    text('00281053', 'DS', '1'),
  ]
  await mkdir(dir, { recursive: true })
  const paths: string[] = []
  const pixels = new Int16Array(size * size)
  for (let slice = 0; slice < slices; slice += 1) {
    for (let y = 0; y < size; y += 1) {
      const shift = Math.round(20 * Math.sin((y / size) * 2 * Math.PI + slice / 8))
      for (let x = 0; x < size; x += 1) pixels[y * size + x] = base[y * size + x]! + shift
    }
    const z = FIRST_POSITION[2] + slice * SLICE_STEP_MM
    const instance = newUid()
    const elements: WriteElement[] = [
      ...shared,
      text('00080018', 'UI', instance),
      text('00200013', 'IS', String(slice + 1)),
      text('00200032', 'DS', [FIRST_POSITION[0], FIRST_POSITION[1], z].map(decimal).join('\\')),
      text('00201041', 'DS', decimal(z)),
      { tag: '7FE00010', vr: 'OW', value: new Uint8Array(pixels.buffer.slice(0)) },
    ]
    const dataset = encodeDataSet(elements, { explicitVr: true, littleEndian: true })
    const bytes = part10File({ sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: instance, transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN }, dataset)
    const path = join(dir, `slice-${String(slice + 1).padStart(4, '0')}.dcm`)
    await writeFile(path, bytes)
    paths.push(path)
  }
  return paths
}
