import { TfliteConversionError } from './errors'

/**
 * A minimal, bounds-checked FlatBuffers reader: just what reading a TFLite model needs (tables, scalars, strings and
 * vectors). Every offset is checked against the file before it is followed, so a truncated or corrupted file ends in
 * a TfliteConversionError rather than a RangeError or a read of unrelated bytes.
 */

const utf8 = new TextDecoder('utf-8')

export class FlatBuffer {
  readonly bytes: Uint8Array
  private readonly view: DataView

  constructor(bytes: Uint8Array) {
    // A plain Uint8Array view, also of a Node Buffer: Buffer's slice() shares memory where Uint8Array's copies.
    this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** The 4-character file identifier stored after the root offset ('' when the file is too short to have one). */
  identifier(): string {
    if (this.bytes.byteLength < 8) return ''
    return String.fromCharCode(...this.bytes.subarray(4, 8))
  }

  root(): Table {
    return this.tableAt(this.offsetAt(0))
  }

  tableAt(position: number): Table {
    this.need(position, 4)
    const vtable = position - this.view.getInt32(position, true)
    this.need(vtable, 4)
    const vtableSize = this.view.getUint16(vtable, true)
    if (vtableSize < 4 || vtableSize % 2 !== 0) throw damaged(`a table at byte ${position} has a malformed field table`)
    this.need(vtable, vtableSize)
    return new Table(this, position, vtable, vtableSize)
  }

  /** The target of the unsigned offset stored at `position` (FlatBuffers offsets count from where they are stored). */
  offsetAt(position: number): number {
    this.need(position, 4)
    return position + this.view.getUint32(position, true)
  }

  need(position: number, size: number): void {
    if (position < 0 || position + size > this.bytes.byteLength) {
      throw damaged(`it refers to bytes ${position}–${position + size} of a ${this.bytes.byteLength}-byte file`)
    }
  }

  uint8(position: number): number {
    this.need(position, 1)
    return this.view.getUint8(position)
  }

  int8(position: number): number {
    this.need(position, 1)
    return this.view.getInt8(position)
  }

  uint16(position: number): number {
    this.need(position, 2)
    return this.view.getUint16(position, true)
  }

  int32(position: number): number {
    this.need(position, 4)
    return this.view.getInt32(position, true)
  }

  uint32(position: number): number {
    this.need(position, 4)
    return this.view.getUint32(position, true)
  }

  float32(position: number): number {
    this.need(position, 4)
    return this.view.getFloat32(position, true)
  }

  int64(position: number): number {
    this.need(position, 8)
    return Number(this.view.getBigInt64(position, true))
  }

  /** A vector's first element and length, its whole extent checked. */
  vector(position: number, elementSize: number): { start: number; length: number } {
    const at = this.offsetAt(position)
    const length = this.uint32(at)
    this.need(at + 4, length * elementSize)
    return { start: at + 4, length }
  }
}

/** One table: fields are addressed by their index in the schema (field slot = 4 + 2 × index in the vtable). */
export class Table {
  constructor(
    private readonly buffer: FlatBuffer,
    readonly position: number,
    private readonly vtable: number,
    private readonly vtableSize: number,
  ) {}

  /** Absolute position of a field's value, or 0 when the field is absent (it then has its default). */
  private field(index: number): number {
    const slot = 4 + 2 * index
    if (slot + 2 > this.vtableSize) return 0
    const offset = this.buffer.uint16(this.vtable + slot)
    return offset === 0 ? 0 : this.position + offset
  }

  int8(index: number, fallback: number): number {
    const at = this.field(index)
    return at ? this.buffer.int8(at) : fallback
  }

  uint8(index: number, fallback: number): number {
    const at = this.field(index)
    return at ? this.buffer.uint8(at) : fallback
  }

  int32(index: number, fallback: number): number {
    const at = this.field(index)
    return at ? this.buffer.int32(at) : fallback
  }

  uint32(index: number, fallback: number): number {
    const at = this.field(index)
    return at ? this.buffer.uint32(at) : fallback
  }

  string(index: number): string | null {
    const at = this.field(index)
    if (!at) return null
    const { start, length } = this.buffer.vector(at, 1)
    return utf8.decode(this.buffer.bytes.subarray(start, start + length))
  }

  table(index: number): Table | null {
    const at = this.field(index)
    return at ? this.buffer.tableAt(this.buffer.offsetAt(at)) : null
  }

  tables(index: number): Table[] {
    return this.elements(index, 4, (at) => this.buffer.tableAt(this.buffer.offsetAt(at)))
  }

  int32s(index: number): number[] {
    return this.elements(index, 4, (at) => this.buffer.int32(at))
  }

  float32s(index: number): number[] {
    return this.elements(index, 4, (at) => this.buffer.float32(at))
  }

  int64s(index: number): number[] {
    return this.elements(index, 8, (at) => this.buffer.int64(at))
  }

  /** A byte vector as a view into the file (no copy); empty when absent. */
  bytes(index: number): Uint8Array {
    const at = this.field(index)
    if (!at) return new Uint8Array(0)
    const { start, length } = this.buffer.vector(at, 1)
    return this.buffer.bytes.subarray(start, start + length)
  }

  private elements<T>(index: number, size: number, read: (at: number) => T): T[] {
    const at = this.field(index)
    if (!at) return []
    const { start, length } = this.buffer.vector(at, size)
    return Array.from({ length }, (_, i) => read(start + i * size))
  }
}

function damaged(why: string): TfliteConversionError {
  return new TfliteConversionError(`the file is truncated or damaged (${why})`)
}
