import { DicomError } from '../errors'

/**
 * A decoder for sequential DCT JPEG with Huffman coding (ITU-T T.81 processes 1, 2 and 4), written for the 12-bit
 * streams of JPEG Extended (1.2.840.10008.1.2.4.51) that libjpeg-turbo's 8-bit build cannot read. Written from the
 * specification: markers (Annex B), Huffman decoding (Annex F.2.2), and a floating-point inverse DCT. Lenient where
 * real files are known to be sloppy: scan parameters Ss/Se/Ah/Al are ignored, missing restart markers are tolerated,
 * and entropy data that ends early decodes as zeros.
 */

export interface JpegFrameHeader {
  /** The SOF marker's low byte: 0xC0 baseline, 0xC1 extended, 0xC3 lossless, 0xC2 progressive, ... */
  sof: number
  precision: number
  width: number
  height: number
  componentIds: number[]
}

export interface DecodedJpeg {
  width: number
  height: number
  precision: number
  /** Full-resolution planes, one per component, values 0 .. 2^precision - 1. */
  planes: Uint16Array[]
  /** Whether the components are YCbCr that should be converted to RGB (3 components, no Adobe "no transform", not R,G,B ids). */
  ycbcr: boolean
}

interface Component {
  id: number
  h: number
  v: number
  tq: number
  planeWidth: number
  planeHeight: number
  plane: Int32Array
  dcTable: number
  acTable: number
  pred: number
}

interface HuffmanTable {
  maxcode: Int32Array
  valptr: Int32Array
  mincode: Int32Array
  values: Uint8Array
}

const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47,
  55, 62, 63,
]

/** IDCT basis: BASIS[u * 8 + x] = c(u)/2 · cos((2x + 1)uπ/16). */
const BASIS = new Float64Array(64)
for (let u = 0; u < 8; u += 1) {
  for (let x = 0; x < 8; x += 1) {
    BASIS[u * 8 + x] = (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16)
  }
}

const corrupt = (what: string) => new DicomError(`truncated or corrupt DICOM file: JPEG data ${what}`)

/** The first frame header of a JPEG stream, or null when there is none before the first scan. */
export function readJpegFrameHeader(data: Uint8Array): JpegFrameHeader | null {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return null
  let pos = 2
  while (pos + 4 <= data.length) {
    if (data[pos] !== 0xff) return null
    const marker = data[pos + 1]!
    if (marker === 0xff) {
      pos += 1
      continue
    }
    const length = (data[pos + 2]! << 8) | data[pos + 3]!
    if (isSof(marker)) {
      if (pos + 2 + length > data.length || length < 8) return null
      const p = pos + 4
      const count = data[p + 5]!
      const componentIds: number[] = []
      for (let i = 0; i < count && p + 6 + i * 3 < data.length; i += 1) componentIds.push(data[p + 6 + i * 3]!)
      return {
        sof: marker,
        precision: data[p]!,
        height: (data[p + 1]! << 8) | data[p + 2]!,
        width: (data[p + 3]! << 8) | data[p + 4]!,
        componentIds,
      }
    }
    if (marker === 0xda || marker === 0xd9) return null
    pos += 2 + length
  }
  return null
}

function isSof(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
}

export function decodeSequentialJpeg(data: Uint8Array): DecodedJpeg {
  const quant: (Int32Array | undefined)[] = []
  const dcTables: (HuffmanTable | undefined)[] = []
  const acTables: (HuffmanTable | undefined)[] = []
  let restartInterval = 0
  let frame: { precision: number; width: number; height: number; components: Component[]; hmax: number; vmax: number } | null =
    null
  let adobeTransform: number | null = null
  if (data[0] !== 0xff || data[1] !== 0xd8) throw corrupt('does not start with a JPEG header')
  let pos = 2
  for (;;) {
    // Find the next marker, skipping fill bytes (and any stray bytes between segments).
    while (pos < data.length && data[pos] !== 0xff) pos += 1
    while (pos < data.length && data[pos] === 0xff) pos += 1
    if (pos >= data.length) break
    const marker = data[pos]!
    pos += 1
    if (marker === 0xd9) break
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue
    if (pos + 2 > data.length) throw corrupt('ends early')
    const length = (data[pos]! << 8) | data[pos + 1]!
    const segmentEnd = pos + length
    if (length < 2 || segmentEnd > data.length) throw corrupt('ends early')
    const body = pos + 2
    switch (marker) {
      case 0xdb:
        readQuantTables(data, body, segmentEnd, quant)
        break
      case 0xc4:
        readHuffmanTables(data, body, segmentEnd, dcTables, acTables)
        break
      case 0xdd:
        restartInterval = (data[body]! << 8) | data[body + 1]!
        break
      case 0xee:
        if (length >= 14 && String.fromCharCode(...data.subarray(body, body + 5)) === 'Adobe') adobeTransform = data[body + 11]!
        break
      case 0xc0:
      case 0xc1:
        frame = readFrame(data, body, segmentEnd)
        break
      case 0xda: {
        if (!frame) throw corrupt('has a scan before its frame header')
        pos = decodeScan(data, body, segmentEnd, frame, quant, dcTables, acTables, restartInterval)
        continue
      }
      default:
        if (isSof(marker)) throw new DicomError(`unsupported JPEG process (SOF${(marker - 0xc0).toString(16)})`)
    }
    pos = segmentEnd
  }
  if (!frame) throw corrupt('has no frame header')
  const { width, height, precision, components, hmax, vmax } = frame
  const max = (1 << precision) - 1
  const planes = components.map((component) => {
    const out = new Uint16Array(width * height)
    const sx = hmax / component.h
    const sy = vmax / component.v
    for (let y = 0; y < height; y += 1) {
      const row = Math.min(Math.floor(y / sy), component.planeHeight - 1) * component.planeWidth
      for (let x = 0; x < width; x += 1) {
        const value = component.plane[row + Math.min(Math.floor(x / sx), component.planeWidth - 1)]!
        out[y * width + x] = value < 0 ? 0 : value > max ? max : value
      }
    }
    return out
  })
  const rgbIds = components.map((c) => c.id).join(',') === '82,71,66'
  const ycbcr = components.length === 3 && adobeTransform !== 0 && !rgbIds
  return { width, height, precision, planes, ycbcr }
}

function readQuantTables(data: Uint8Array, start: number, end: number, quant: (Int32Array | undefined)[]): void {
  let p = start
  while (p < end) {
    const pq = data[p]! >> 4
    const tq = data[p]! & 15
    p += 1
    const table = new Int32Array(64)
    for (let k = 0; k < 64; k += 1) {
      if (p + (pq ? 2 : 1) > end) throw corrupt('has a damaged quantisation table')
      table[k] = pq ? (data[p]! << 8) | data[p + 1]! : data[p]!
      p += pq ? 2 : 1
    }
    quant[tq & 3] = table
  }
}

function readHuffmanTables(
  data: Uint8Array,
  start: number,
  end: number,
  dcTables: (HuffmanTable | undefined)[],
  acTables: (HuffmanTable | undefined)[],
): void {
  let p = start
  while (p + 17 <= end) {
    const tc = data[p]! >> 4
    const th = data[p]! & 15
    const counts = data.subarray(p + 1, p + 17)
    let total = 0
    for (const count of counts) total += count
    p += 17
    if (p + total > end) throw corrupt('has a damaged Huffman table')
    const values = data.slice(p, p + total)
    p += total
    // Canonical codes (T.81 Annex C and F.2.2.3): per length, the first code and where its values start.
    const maxcode = new Int32Array(18).fill(-1)
    const mincode = new Int32Array(17)
    const valptr = new Int32Array(17)
    let code = 0
    let k = 0
    for (let length = 1; length <= 16; length += 1) {
      const n = counts[length - 1]!
      if (n > 0) {
        valptr[length] = k
        mincode[length] = code
        code += n
        k += n
        maxcode[length] = code - 1
      }
      code <<= 1
    }
    maxcode[17] = 0x7fffffff
    ;(tc === 0 ? dcTables : acTables)[th & 3] = { maxcode, mincode, valptr, values }
  }
}

function readFrame(data: Uint8Array, start: number, end: number) {
  if (end - start < 6) throw corrupt('has a damaged frame header')
  const precision = data[start]!
  const height = (data[start + 1]! << 8) | data[start + 2]!
  const width = (data[start + 3]! << 8) | data[start + 4]!
  const count = data[start + 5]!
  if (precision !== 8 && precision !== 12) throw new DicomError(`unsupported JPEG precision (${precision} bits)`)
  if (width === 0 || height === 0 || count === 0 || count > 4) throw corrupt('has a damaged frame header')
  if (end - start < 6 + count * 3) throw corrupt('has a damaged frame header')
  const raw = []
  for (let i = 0; i < count; i += 1) {
    const p = start + 6 + i * 3
    const h = data[p + 1]! >> 4
    const v = data[p + 1]! & 15
    if (h < 1 || h > 4 || v < 1 || v > 4) throw corrupt('has damaged sampling factors')
    raw.push({ id: data[p]!, h, v, tq: data[p + 2]! & 3 })
  }
  const hmax = Math.max(...raw.map((c) => c.h))
  const vmax = Math.max(...raw.map((c) => c.v))
  const mcusX = Math.ceil(width / (8 * hmax))
  const mcusY = Math.ceil(height / (8 * vmax))
  const components: Component[] = raw.map((c) => {
    const planeWidth = mcusX * c.h * 8
    const planeHeight = mcusY * c.v * 8
    return { ...c, planeWidth, planeHeight, plane: new Int32Array(planeWidth * planeHeight), dcTable: 0, acTable: 0, pred: 0 }
  })
  return { precision, width, height, components, hmax, vmax }
}

class BitReader {
  private bits = 0
  private count = 0
  /** Set once the entropy-coded data has ended (a marker, or the end of the buffer): further bits read as zero. */
  ended = false

  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  private nextByte(): number {
    if (this.ended) return 0
    while (this.pos < this.data.length) {
      const b = this.data[this.pos]!
      if (b !== 0xff) {
        this.pos += 1
        return b
      }
      const next = this.data[this.pos + 1]
      if (next === 0x00) {
        this.pos += 2
        return 0xff
      }
      if (next === 0xff) {
        this.pos += 1
        continue
      }
      break
    }
    this.ended = true
    return 0
  }

  bit(): number {
    if (this.count === 0) {
      this.bits = this.nextByte()
      this.count = 8
    }
    this.count -= 1
    return (this.bits >> this.count) & 1
  }

  receive(length: number): number {
    let value = 0
    for (let i = 0; i < length; i += 1) value = (value << 1) | this.bit()
    return value
  }

  /** Drops the bits left in the current byte and moves past a restart marker, if one is next. */
  restart(): void {
    this.count = 0
    this.ended = false
    let p = this.pos
    while (p + 1 < this.data.length && !(this.data[p] === 0xff && this.data[p + 1]! >= 0xd0 && this.data[p + 1]! <= 0xd7)) {
      if (this.data[p] === 0xff && this.data[p + 1] !== 0x00 && this.data[p + 1] !== 0xff) return
      p += 1
    }
    if (p + 1 < this.data.length) this.pos = p + 2
  }
}

function decodeHuffman(reader: BitReader, table: HuffmanTable): number {
  let code = reader.bit()
  for (let length = 1; length <= 16; length += 1) {
    if (code <= table.maxcode[length]!) return table.values[table.valptr[length]! + code - table.mincode[length]!] ?? 0
    code = (code << 1) | reader.bit()
  }
  if (reader.ended) return 0
  throw corrupt('has an invalid Huffman code')
}

function extend(value: number, size: number): number {
  return size === 0 ? 0 : value < 1 << (size - 1) ? value - (1 << size) + 1 : value
}

function decodeScan(
  data: Uint8Array,
  start: number,
  end: number,
  frame: NonNullable<ReturnType<typeof readFrame>>,
  quant: (Int32Array | undefined)[],
  dcTables: (HuffmanTable | undefined)[],
  acTables: (HuffmanTable | undefined)[],
  restartInterval: number,
): number {
  const count = data[start]!
  if (count < 1 || count > 4 || end - start < 1 + count * 2) throw corrupt('has a damaged scan header')
  const scanComponents: Component[] = []
  for (let i = 0; i < count; i += 1) {
    const id = data[start + 1 + i * 2]!
    const tables = data[start + 2 + i * 2]!
    const component = frame.components.find((c) => c.id === id)
    if (!component) throw corrupt('has a scan of an unknown component')
    component.dcTable = tables >> 4
    component.acTable = tables & 15
    component.pred = 0
    scanComponents.push(component)
  }
  for (const component of scanComponents) {
    if (!quant[component.tq] || !dcTables[component.dcTable & 3] || !acTables[component.acTable & 3]) {
      throw corrupt('refers to a missing table')
    }
  }
  const reader = new BitReader(data, end)
  const coefficients = new Float64Array(64)
  const temp = new Float64Array(64)
  const half = 1 << (frame.precision - 1)

  const decodeBlock = (component: Component, blockX: number, blockY: number) => {
    const q = quant[component.tq]!
    const dc = dcTables[component.dcTable & 3]!
    const ac = acTables[component.acTable & 3]!
    coefficients.fill(0)
    const t = decodeHuffman(reader, dc)
    component.pred += extend(reader.receive(t), t)
    coefficients[0] = component.pred * q[0]!
    for (let k = 1; k < 64; ) {
      const rs = decodeHuffman(reader, ac)
      const r = rs >> 4
      const s = rs & 15
      if (s === 0) {
        if (r !== 15) break
        k += 16
        continue
      }
      k += r
      if (k > 63) break
      coefficients[ZIGZAG[k]!] = extend(reader.receive(s), s) * q[k]!
      k += 1
    }
    // Separable inverse DCT: rows (horizontal frequencies) then columns.
    for (let v = 0; v < 8; v += 1) {
      for (let x = 0; x < 8; x += 1) {
        let sum = 0
        for (let u = 0; u < 8; u += 1) sum += BASIS[u * 8 + x]! * coefficients[v * 8 + u]!
        temp[v * 8 + x] = sum
      }
    }
    const x0 = blockX * 8
    const y0 = blockY * 8
    if (x0 + 8 > component.planeWidth || y0 + 8 > component.planeHeight) return
    for (let y = 0; y < 8; y += 1) {
      const row = (y0 + y) * component.planeWidth + x0
      for (let x = 0; x < 8; x += 1) {
        let sum = 0
        for (let v = 0; v < 8; v += 1) sum += BASIS[v * 8 + y]! * temp[v * 8 + x]!
        component.plane[row + x] = Math.round(sum) + half
      }
    }
  }

  let mcusX: number
  let mcusY: number
  const single = scanComponents.length === 1
  if (single) {
    const c = scanComponents[0]!
    mcusX = Math.ceil(Math.ceil((frame.width * c.h) / frame.hmax) / 8)
    mcusY = Math.ceil(Math.ceil((frame.height * c.v) / frame.vmax) / 8)
  } else {
    mcusX = Math.ceil(frame.width / (8 * frame.hmax))
    mcusY = Math.ceil(frame.height / (8 * frame.vmax))
  }
  const total = mcusX * mcusY
  for (let mcu = 0; mcu < total; mcu += 1) {
    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval === 0) {
      reader.restart()
      for (const component of scanComponents) component.pred = 0
    }
    const mx = mcu % mcusX
    const my = Math.floor(mcu / mcusX)
    if (single) decodeBlock(scanComponents[0]!, mx, my)
    else {
      for (const component of scanComponents) {
        for (let by = 0; by < component.v; by += 1) {
          for (let bx = 0; bx < component.h; bx += 1) decodeBlock(component, mx * component.h + bx, my * component.v + by)
        }
      }
    }
  }
  return reader.pos
}
