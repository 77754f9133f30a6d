import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeDicomFrame, openDicomImage, type DicomImage } from '../../../../src/main/engines/dicom'
import type { DecodedFrame, StoredValues } from '../../../../src/main/engines/dicom/decode'
import { encodeDataSet, part10File, textValue, type WriteElement } from '../../../../src/main/engines/dicom/write'
import { SHARED_DATA } from '../../../support/paths'

export const DICOM_DIR = join(SHARED_DATA, 'dicom')

export async function openTestFile(name: string): Promise<DicomImage> {
  return openDicomImage(await readFile(join(DICOM_DIR, name)))
}

export async function decoded(name: string, frame = 0): Promise<DecodedFrame> {
  return (await decodeDicomFrame(await openTestFile(name), frame)).decoded
}

export function valuesOf(frame: DecodedFrame): StoredValues {
  if (frame.kind !== 'values') throw new Error('expected a monochrome frame')
  return frame.values
}

export function rgbOf(frame: DecodedFrame): Uint8Array {
  if (frame.kind !== 'rgb') throw new Error('expected a colour frame')
  return frame.rgb
}

export function meanAbsoluteDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expectSameLength(a, b)
  let sum = 0
  for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i]! - b[i]!)
  return sum / a.length
}

function expectSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`)
}

/** Files in the shared folder that carry no image, with the reason's key words. */
export const NON_IMAGE_FILES: Readonly<Record<string, RegExp>> = {
  'ExplVR_BigEndNoMeta.dcm': /carries no image \(it is an RT ion plan\)/,
  'ExplVR_LitEndNoMeta.dcm': /carries no image \(it is an RT ion plan\)/,
  'empty_charset_LEI.dcm': /carries no image/,
  'nested_priv_SQ.dcm': /carries no image/,
  'priv_SQ.dcm': /carries no image/,
}

const le16 = (value: number) => {
  const b = new Uint8Array(2)
  new DataView(b.buffer).setUint16(0, value, true)
  return b
}

/** A small DICOM file for what the shared data lacks (palette colour, MONOCHROME1, JPEG lossless 16-bit, …). */
export function buildDicom(options: {
  transferSyntax: string
  rows: number
  columns: number
  photometric: string
  bitsAllocated: number
  bitsStored: number
  signed: boolean
  samplesPerPixel?: number
  pixelData: Uint8Array
  encapsulated?: boolean
  extra?: WriteElement[]
}): Uint8Array {
  const us = (tag: string, value: number): WriteElement => ({ tag, vr: 'US', value: le16(value) })
  const text = (tag: string, vr: string, value: string): WriteElement => ({ tag, vr, value: textValue(value, vr) })
  const sopClass = '1.2.840.10008.5.1.4.1.1.7'
  const sopInstance = '2.25.1234567890123456789'
  const pixel: WriteElement = options.encapsulated
    ? { tag: '7FE00010', vr: 'OB', value: encapsulate(options.pixelData), undefinedLength: true }
    : { tag: '7FE00010', vr: options.bitsAllocated > 8 ? 'OW' : 'OB', value: options.pixelData }
  const elements: WriteElement[] = [
    text('00080016', 'UI', sopClass),
    text('00080018', 'UI', sopInstance),
    text('00080060', 'CS', 'OT'),
    text('00100010', 'PN', 'Test^Patient'),
    text('00100020', 'LO', 'ID-0001'),
    text('0020000D', 'UI', '2.25.11'),
    text('0020000E', 'UI', '2.25.12'),
    us('00280002', options.samplesPerPixel ?? 1),
    text('00280004', 'CS', options.photometric),
    us('00280010', options.rows),
    us('00280011', options.columns),
    us('00280100', options.bitsAllocated),
    us('00280101', options.bitsStored),
    us('00280102', options.bitsStored - 1),
    us('00280103', options.signed ? 1 : 0),
    ...(options.samplesPerPixel === 3 ? [us('00280006', 0)] : []),
    ...(options.extra ?? []),
    pixel,
  ]
  const dataset = encodeDataSet(elements, { explicitVr: options.transferSyntax !== '1.2.840.10008.1.2', littleEndian: true })
  return part10File({ sopClassUid: sopClass, sopInstanceUid: sopInstance, transferSyntaxUid: options.transferSyntax }, dataset)
}

/** Encapsulated pixel data value: empty basic offset table, one fragment, the sequence delimiter. */
function encapsulate(frame: Uint8Array): Uint8Array {
  const padded = frame.length % 2 ? Uint8Array.from([...frame, 0]) : frame
  const out = new Uint8Array(8 + 8 + padded.length + 8)
  const view = new DataView(out.buffer)
  const item = (at: number, length: number) => {
    view.setUint16(at, 0xfffe, true)
    view.setUint16(at + 2, 0xe000, true)
    view.setUint32(at + 4, length, true)
  }
  item(0, 0)
  item(8, padded.length)
  out.set(padded, 16)
  view.setUint16(16 + padded.length, 0xfffe, true)
  view.setUint16(18 + padded.length, 0xe0dd, true)
  return out
}

/**
 * A minimal JPEG lossless encoder (ITU-T T.81 process 14, first-order prediction, one component), for tests only:
 * one Huffman table in which each difference category 0..16 has a 5-bit code equal to its number.
 */
export function encodeJpegLossless(samples: Uint16Array, width: number, height: number, precision = 16): Uint8Array {
  const bytes: number[] = []
  const segment = (marker: number, body: number[]) => bytes.push(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255, ...body)
  bytes.push(0xff, 0xd8)
  segment(0xc3, [precision, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0])
  const counts = Array(16).fill(0)
  counts[4] = 17
  segment(0xc4, [0x00, ...counts, ...Array.from({ length: 17 }, (_, i) => i)])
  segment(0xda, [1, 1, 0x00, 1, 0, 0])
  let buffer = 0
  let used = 0
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i -= 1) {
      buffer = (buffer << 1) | ((value >> i) & 1)
      used += 1
      if (used === 8) {
        bytes.push(buffer)
        if (buffer === 0xff) bytes.push(0)
        buffer = 0
        used = 0
      }
    }
  }
  const modulus = 2 ** 16
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = y * width + x
      const prediction = x === 0 && y === 0 ? 2 ** (precision - 1) : x === 0 ? samples[at - width]! : samples[at - 1]!
      // The difference modulo 2^16, as -32768..32767; -32768 is category 16 with no extra bits.
      let diff = (((samples[at]! - prediction) % modulus) + modulus) % modulus
      if (diff >= 32768) diff -= modulus
      const category = diff === -32768 ? 16 : diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1
      put(category, 5)
      if (category > 0 && category < 16) put(diff > 0 ? diff : diff - 1 + 2 ** category, category)
    }
  }
  if (used > 0) put(0xff, 8 - used)
  bytes.push(0xff, 0xd9)
  return Uint8Array.from(bytes)
}
