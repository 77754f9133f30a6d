import type { Element } from './dicom-parser'
import { key } from './dictionary'
import { DicomError } from './errors'
import type { DicomFile } from './parse'
import type { PixelEncoding } from './transfer-syntax'

/** One item of encapsulated pixel data: where its bytes are in the file's byte array. */
export interface Fragment {
  /** Offset of the item's tag, relative to the first fragment's tag (the basic offset table's frame of reference). */
  position: number
  start: number
  length: number
}

export interface Encapsulated {
  basicOffsetTable: number[]
  fragments: Fragment[]
  /** True when the data ended before the sequence delimiter (or an item was cut short). */
  truncated: boolean
}

const ITEM = 0xfffee000
const SEQUENCE_DELIMITER = 0xfffee0dd

/**
 * Reads the items of encapsulated pixel data (PS3.5 A.4) straight from the bytes, the same for explicit and implicit
 * VR files (dicom-parser only splits fragments in explicit VR). Encapsulated data is always little endian.
 */
export function readEncapsulated(bytes: Uint8Array, element: Element): Encapsulated {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let pos = element.dataOffset
  const end = bytes.length
  const items: { start: number; length: number; tagAt: number }[] = []
  let truncated = true
  while (pos + 8 <= end) {
    const tag = ((view.getUint16(pos, true) << 16) | view.getUint16(pos + 2, true)) >>> 0
    const length = view.getUint32(pos + 4, true)
    if (tag === SEQUENCE_DELIMITER) {
      truncated = false
      break
    }
    if (tag !== ITEM) throw new DicomError('truncated or corrupt DICOM file: damaged encapsulated pixel data')
    const start = pos + 8
    if (length === 0xffffffff) throw new DicomError('truncated or corrupt DICOM file: damaged encapsulated pixel data')
    if (start + length > end) {
      items.push({ start, length: end - start, tagAt: pos })
      break
    }
    items.push({ start, length, tagAt: pos })
    pos = start + length
  }
  const [table, ...rest] = items
  if (!table) throw new DicomError('truncated DICOM file: pixel data ends before its first item')
  const basicOffsetTable: number[] = []
  for (let at = table.start; at + 4 <= table.start + table.length; at += 4) basicOffsetTable.push(view.getUint32(at, true))
  const first = rest[0]?.tagAt ?? 0
  const fragments = rest.map((item) => ({ position: item.tagAt - first, start: item.start, length: item.length }))
  return { basicOffsetTable, fragments, truncated }
}

/**
 * The bytes of one compressed frame: by the Extended Offset Table or Basic Offset Table when the file has one, one
 * fragment per frame when the counts match, all fragments for a single frame, and otherwise by finding where each
 * codestream starts.
 */
export function encapsulatedFrame(
  file: DicomFile,
  element: Element,
  frames: number,
  frame: number,
  encoding: PixelEncoding,
): Uint8Array {
  const { bytes } = file
  const { basicOffsetTable, fragments, truncated } = readEncapsulated(bytes, element)
  if (fragments.length === 0) throw new DicomError('truncated DICOM file: no compressed pixel data')
  const join = (list: Fragment[]): Uint8Array => {
    if (list.length === 1) return bytes.subarray(list[0]!.start, list[0]!.start + list[0]!.length)
    const out = new Uint8Array(list.reduce((n, f) => n + f.length, 0))
    let at = 0
    for (const f of list) {
      out.set(bytes.subarray(f.start, f.start + f.length), at)
      at += f.length
    }
    return out
  }

  const extended = extendedOffsets(file, frames)
  if (extended) {
    const from = extended[frame]!
    const to = frame + 1 < frames ? extended[frame + 1]! : Number.POSITIVE_INFINITY
    const list = fragments.filter((f) => f.position >= from && f.position < to)
    if (list.length) return join(list)
  }
  if (frames === 1) return join(fragments)
  if (basicOffsetTable.length === frames && basicOffsetTable[0] === 0 && isAscending(basicOffsetTable)) {
    const from = basicOffsetTable[frame]!
    const to = frame + 1 < frames ? basicOffsetTable[frame + 1]! : Number.POSITIVE_INFINITY
    const list = fragments.filter((f) => f.position >= from && f.position < to)
    if (list.length) return join(list)
  }
  if (fragments.length === frames) return join([fragments[frame]!])
  // Several fragments per frame and no table: each frame's codestream starts with its own marker.
  const starts = fragments.flatMap((f, index) => (startsCodestream(bytes, f, encoding) ? [index] : []))
  if (starts.length === frames) {
    const from = starts[frame]!
    const to = starts[frame + 1] ?? fragments.length
    return join(fragments.slice(from, to))
  }
  if (truncated || fragments.length < frames) {
    throw new DicomError(`truncated DICOM file: frame ${frame + 1} of ${frames} is missing`)
  }
  throw new DicomError('corrupt DICOM file: cannot tell where each compressed frame starts')
}

function isAscending(values: number[]): boolean {
  return values.every((v, i) => i === 0 || v > values[i - 1]!)
}

function extendedOffsets(file: DicomFile, frames: number): number[] | null {
  const element = file.dataset.elements[key('ExtendedOffsetTable')]
  if (!element || element.length !== frames * 8) return null
  const view = new DataView(file.bytes.buffer, file.bytes.byteOffset + element.dataOffset, element.length)
  const offsets: number[] = []
  for (let i = 0; i < frames; i += 1) offsets.push(Number(view.getBigUint64(i * 8, true)))
  return isAscending(offsets) ? offsets : null
}

function startsCodestream(bytes: Uint8Array, fragment: Fragment, encoding: PixelEncoding): boolean {
  const b = bytes.subarray(fragment.start, fragment.start + 12)
  if (encoding === 'jpeg-2000') {
    return (b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51) || (b[4] === 0x6a && b[5] === 0x50)
  }
  if (encoding === 'rle') return true
  return b[0] === 0xff && b[1] === 0xd8
}
