/**
 * Encodes DICOM data sets (PS3.5 §7) and Part 10 files (PS3.10 §7): elements in tag order, explicit or implicit VR,
 * either byte order; sequences and items with undefined length and their delimiters. Values are given as bytes
 * already in the target byte order, so copied values (pixel data above all) stay byte-identical.
 */
export interface WriteElement {
  /** 'GGGGEEEE' */
  tag: string
  vr: string
  /** The value bytes; for an undefined-length value (encapsulated pixel data) everything after the length field. */
  value?: Uint8Array
  undefinedLength?: boolean
  items?: WriteElement[][]
}

export interface Encoding {
  explicitVr: boolean
  littleEndian: boolean
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV'])
const UNDEFINED = 0xffffffff

class Writer {
  private chunks: Uint8Array[] = []
  private size = 0

  constructor(private readonly littleEndian: boolean) {}

  bytes(data: Uint8Array): void {
    this.chunks.push(data)
    this.size += data.length
  }

  uint16(value: number): void {
    const b = new Uint8Array(2)
    new DataView(b.buffer).setUint16(0, value, this.littleEndian)
    this.bytes(b)
  }

  uint32(value: number): void {
    const b = new Uint8Array(4)
    new DataView(b.buffer).setUint32(0, value, this.littleEndian)
    this.bytes(b)
  }

  tag(tag: string): void {
    this.uint16(Number.parseInt(tag.slice(0, 4), 16))
    this.uint16(Number.parseInt(tag.slice(4, 8), 16))
  }

  result(): Uint8Array {
    const out = new Uint8Array(this.size)
    let at = 0
    for (const chunk of this.chunks) {
      out.set(chunk, at)
      at += chunk.length
    }
    return out
  }
}

export function encodeDataSet(elements: readonly WriteElement[], encoding: Encoding): Uint8Array {
  const writer = new Writer(encoding.littleEndian)
  writeElements(writer, elements, encoding)
  return writer.result()
}

function writeElements(writer: Writer, elements: readonly WriteElement[], encoding: Encoding): void {
  const sorted = [...elements].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
  for (const element of sorted) writeElement(writer, element, encoding)
}

function writeElement(writer: Writer, element: WriteElement, encoding: Encoding): void {
  writer.tag(element.tag)
  const isSequence = element.items !== undefined
  const undefinedLength = isSequence || element.undefinedLength === true
  const value = element.value ?? new Uint8Array(0)
  if (!undefinedLength && value.length % 2 !== 0) throw new Error(`odd value length for ${element.tag}`)
  const length = undefinedLength ? UNDEFINED : value.length
  if (encoding.explicitVr) {
    const vr = isSequence ? 'SQ' : element.vr
    writer.bytes(new Uint8Array([vr.charCodeAt(0), vr.charCodeAt(1)]))
    if (LONG_VRS.has(vr) || undefinedLength) {
      writer.uint16(0)
      writer.uint32(length)
    } else {
      if (length > 0xffff) throw new Error(`value of ${element.tag} too long for VR ${vr}`)
      writer.uint16(length)
    }
  } else {
    writer.uint32(length)
  }
  if (!isSequence) {
    writer.bytes(value)
    return
  }
  for (const item of element.items!) {
    writer.tag('FFFEE000')
    writer.uint32(UNDEFINED)
    writeElements(writer, item, encoding)
    writer.tag('FFFEE00D')
    writer.uint32(0)
  }
  writer.tag('FFFEE0DD')
  writer.uint32(0)
}

/** A text value padded to even length: with a NUL for UIDs, a space otherwise (PS3.5 §6.2). */
export function textValue(text: string, vr: string): Uint8Array {
  const bytes = new TextEncoder().encode(text)
  if (bytes.length % 2 === 0) return bytes
  const out = new Uint8Array(bytes.length + 1)
  out.set(bytes)
  out[bytes.length] = vr === 'UI' ? 0 : 0x20
  return out
}

/** Loupe's implementation class UID, under the 2.25 (UUID) arc, and its version name. */
export const IMPLEMENTATION_CLASS_UID = '2.25.146812345678017392750816592763001522817'
export const IMPLEMENTATION_VERSION_NAME = 'LOUPE_0_1'

/** A Part 10 file: 128-byte preamble, "DICM", the meta information (always explicit VR little endian), the data set. */
export function part10File(meta: { sopClassUid: string; sopInstanceUid: string; transferSyntaxUid: string }, dataset: Uint8Array): Uint8Array {
  const metaElements: WriteElement[] = [
    { tag: '00020001', vr: 'OB', value: new Uint8Array([0, 1]) },
    { tag: '00020002', vr: 'UI', value: textValue(meta.sopClassUid, 'UI') },
    { tag: '00020003', vr: 'UI', value: textValue(meta.sopInstanceUid, 'UI') },
    { tag: '00020010', vr: 'UI', value: textValue(meta.transferSyntaxUid, 'UI') },
    { tag: '00020012', vr: 'UI', value: textValue(IMPLEMENTATION_CLASS_UID, 'UI') },
    { tag: '00020013', vr: 'SH', value: textValue(IMPLEMENTATION_VERSION_NAME, 'SH') },
  ]
  const encoding = { explicitVr: true, littleEndian: true }
  const body = encodeDataSet(metaElements, encoding)
  const groupLength = new Uint8Array(4)
  new DataView(groupLength.buffer).setUint32(0, body.length, true)
  const head = encodeDataSet([{ tag: '00020000', vr: 'UL', value: groupLength }], encoding)
  const out = new Uint8Array(132 + head.length + body.length + dataset.length)
  out.set([0x44, 0x49, 0x43, 0x4d], 128)
  out.set(head, 132)
  out.set(body, 132 + head.length)
  out.set(dataset, 132 + head.length + body.length)
  return out
}
