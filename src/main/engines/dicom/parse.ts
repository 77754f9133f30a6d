import { inflateRawSync, inflateSync } from 'node:zlib'
import { dicomParser, type DataSet } from './dicom-parser'
import { dictionaryVr, key } from './dictionary'
import { DicomError, parserMessage } from './errors'
import {
  EXPLICIT_BIG,
  EXPLICIT_LITTLE,
  IMPLICIT_LITTLE,
  transferSyntaxOf,
  type TransferSyntax,
} from './transfer-syntax'

/** How the file begins: a Part 10 file, the same without the 128-byte preamble, or a bare data set (no meta header). */
export type FileLayout = 'part10' | 'no-preamble' | 'no-meta'

export interface DicomFile {
  /** The bytes the data set's element offsets refer to: the file (or a padded copy), or the inflated data set. */
  bytes: Uint8Array
  /** The file meta information (group 0002); null for a bare data set. */
  meta: DataSet | null
  dataset: DataSet
  /** The transfer syntax declared (or, for a bare data set, detected). */
  syntax: TransferSyntax
  /** How the data set was actually read; a few writers declare one encoding and use another. */
  explicitVr: boolean
  littleEndian: boolean
  layout: FileLayout
  /** Where the data set starts in `bytes`. */
  datasetStart: number
  warnings: string[]
}

const DICM = [0x44, 0x49, 0x43, 0x4d]
const PREAMBLE = 128
/** A deflated data set larger than this is refused rather than inflated (a zip bomb would otherwise fill memory). */
const MAX_INFLATED_BYTES = 1 << 30

const VALID_VRS = new Set([
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'PN', 'SH',
  'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV',
])

function hasAt(bytes: Uint8Array, at: number, expected: readonly number[]): boolean {
  return bytes.length >= at + expected.length && expected.every((b, i) => bytes[at + i] === b)
}

function vrAt(bytes: Uint8Array, at: number): string | null {
  if (bytes.length < at + 2) return null
  const vr = String.fromCharCode(bytes[at]!, bytes[at + 1]!)
  return VALID_VRS.has(vr) ? vr : null
}

/**
 * Whether the first bytes are a DICOM file: a Part 10 file ("DICM" after the preamble, or at the very start when the
 * preamble was left out), or a bare data set that opens with a group 0008 element in either byte order. The bare
 * form is only accepted with an explicit VR or a small even implicit length, so ordinary binary files are not taken
 * for DICOM.
 */
export function sniffDicom(head: Uint8Array): FileLayout | null {
  if (hasAt(head, PREAMBLE, DICM)) return 'part10'
  if (hasAt(head, 0, DICM) && head.length >= 12 && head[4] === 0x02 && head[5] === 0x00) return 'no-preamble'
  return bareDataSetEncoding(head) ? 'no-meta' : null
}

function bareDataSetEncoding(head: Uint8Array): TransferSyntax | null {
  if (head.length < 12) return null
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
  const leGroup = view.getUint16(0, true)
  const leElement = view.getUint16(2, true)
  const beGroup = view.getUint16(0, false)
  const beElement = view.getUint16(2, false)
  const vr = vrAt(head, 4)
  if (leGroup === 0x0008 && leElement <= 0x0100) {
    if (vr) return EXPLICIT_LITTLE
    const length = view.getUint32(4, true)
    return length > 0 && length <= 1024 && length % 2 === 0 ? IMPLICIT_LITTLE : null
  }
  if (beGroup === 0x0008 && beElement <= 0x0100 && vr) return EXPLICIT_BIG
  return null
}

/**
 * Parses a DICOM file's structure (not its pixels). Throws a DicomError with a reason for files that are not DICOM,
 * are truncated before the pixel data, or cannot be parsed.
 */
export function parseDicomBytes(given: Uint8Array): DicomFile {
  // A plain view: Node Buffers' slice() shares memory, and pooled Buffers start part-way into their ArrayBuffer.
  const input = plain(given)
  const layout = sniffDicom(input.subarray(0, PREAMBLE + 16))
  if (!layout) throw new DicomError('not a DICOM file')
  let bytes = input
  if (layout === 'no-preamble') {
    bytes = new Uint8Array(PREAMBLE + input.length)
    bytes.set(input, PREAMBLE)
  }
  const warnings: string[] = []
  let meta: DataSet | null = null
  let syntax: TransferSyntax
  let datasetStart = 0
  if (layout === 'no-meta') {
    syntax = bareDataSetEncoding(bytes)!
  } else {
    try {
      meta = dicomParser.readPart10Header(bytes)
    } catch (error) {
      throw new DicomError(`truncated or corrupt DICOM file: file meta information unreadable (${parserMessage(error)})`)
    }
    datasetStart = metaEnd(meta, bytes.length)
    const uid = safeString(meta, key('TransferSyntaxUID'))
    syntax = uid ? transferSyntaxOf(uid) : guessSyntax(bytes, datasetStart)
    if (!uid) warnings.push('no transfer syntax in the file meta information; the encoding was detected')
  }

  let datasetBytes = bytes
  if (syntax.deflated) {
    datasetBytes = plain(inflate(bytes.subarray(datasetStart)))
    datasetStart = 0
  }
  if (datasetStart >= datasetBytes.length) throw new DicomError('truncated DICOM file: no data set after the file meta information')

  let explicitVr = syntax.explicitVr
  const littleEndian = syntax.littleEndian
  // Some writers declare one VR encoding and use the other: the first element says which it really is. Implicit VR
  // only exists in little endian.
  const looksExplicit = vrAt(datasetBytes, datasetStart + 4) !== null
  if (looksExplicit !== explicitVr && littleEndian) {
    warnings.push(`data set is ${looksExplicit ? 'explicit' : 'implicit'} VR although its transfer syntax says otherwise`)
    explicitVr = looksExplicit
  }
  const dataset = parseDataSet(datasetBytes, datasetStart, explicitVr, littleEndian)
  warnings.push(...(meta?.warnings ?? []), ...dataset.warnings)
  return { bytes: datasetBytes, meta, dataset, syntax, explicitVr, littleEndian, layout, datasetStart, warnings }
}

/**
 * Where the meta information ends: by its group length when that is sane, since dicom-parser reads on through any
 * element numbered below group 0002 (a data set that opens with group 0001 would otherwise be swallowed).
 */
function metaEnd(meta: DataSet, fileLength: number): number {
  const parsedEnd = (meta as DataSet & { position: number }).position
  const groupLength = meta.elements.x00020000
  if (!groupLength || groupLength.length !== 4) return parsedEnd
  if (groupLength.dataOffset + 4 > fileLength) return parsedEnd
  const declaredEnd = groupLength.dataOffset + 4 + (meta.uint32('x00020000') ?? 0)
  if (declaredEnd >= parsedEnd || declaredEnd > fileLength) return parsedEnd
  for (const [tag, element] of Object.entries(meta.elements)) if (element.dataOffset >= declaredEnd) delete meta.elements[tag]
  return declaredEnd
}

function safeString(dataset: DataSet, tag: string): string | undefined {
  try {
    return dataset.string(tag)?.replace(/\0/g, '').trim() || undefined
  } catch {
    return undefined
  }
}

function plain(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function guessSyntax(bytes: Uint8Array, at: number): TransferSyntax {
  return vrAt(bytes, at + 4) ? EXPLICIT_LITTLE : IMPLICIT_LITTLE
}

function inflate(deflated: Uint8Array): Uint8Array {
  try {
    return inflateRawSync(deflated, { maxOutputLength: MAX_INFLATED_BYTES })
  } catch (raw) {
    try {
      // Some writers wrap the deflated data set in a zlib header, which the standard does not allow.
      return inflateSync(deflated, { maxOutputLength: MAX_INFLATED_BYTES })
    } catch {
      const reason = (raw as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'inflates to over 1 GiB' : 'cannot be inflated'
      throw new DicomError(`truncated or corrupt DICOM file: deflated data set ${reason}`)
    }
  }
}

function parseDataSet(bytes: Uint8Array, start: number, explicitVr: boolean, littleEndian: boolean): DataSet {
  const parser = littleEndian ? dicomParser.littleEndianByteArrayParser : dicomParser.bigEndianByteArrayParser
  const DataSetClass = (dicomParser as unknown as { DataSet: unknown }).DataSet as new (p: unknown, b: Uint8Array, e: object) => DataSet
  const dataset = new DataSetClass(parser, bytes, {})
  dataset.warnings = []
  const stream = new dicomParser.ByteStream(parser, bytes, start)
  try {
    if (explicitVr) dicomParser.parseDicomDataSetExplicit(dataset, stream, bytes.length)
    else dicomParser.parseDicomDataSetImplicit(dataset, stream, bytes.length, { untilTag: '', vrCallback: implicitVr })
  } catch (error) {
    throw new DicomError(`truncated or corrupt DICOM file: ${parserMessage(error)}`)
  }
  dataset.warnings.push(...stream.warnings)
  return dataset
}

/** VRs for implicit VR data sets, so sequences and values are recognised as they would be in explicit VR. */
function implicitVr(tag: string): string {
  return dictionaryVr(tag.slice(1)) ?? (undefined as unknown as string)
}
