/**
 * A small FlatBuffers writer for building synthetic TFLite files in tests. It lays objects out front to back: a
 * table's field table (vtable) just before it, and everything a table refers to after it, so every unsigned offset
 * points forward as the format requires. Every inline field (scalar or offset) takes a 4-byte slot, which a reader
 * cannot tell from a packed layout.
 */

export type Field =
  | { int8: number }
  | { uint8: number }
  | { int32: number }
  | { uint32: number }
  | { string: string }
  | { table: Fields }
  | { tables: Fields[] }
  | { int32s: readonly number[] }
  | { float32s: readonly number[] }
  | { int64s: readonly number[] }
  | { bytes: Uint8Array }

/** Fields by schema index; undefined leaves a field out (it then reads as its default). */
export type Fields = ReadonlyArray<Field | undefined>

export function writeFlatBuffer(root: Fields, identifier: string): Uint8Array {
  const out = new Writer()
  out.u32(0)
  for (const char of identifier) out.u8(char.charCodeAt(0))
  out.patch(0, out.table(root))
  return out.finish()
}

class Writer {
  private bytes = new Uint8Array(1024)
  private view = new DataView(this.bytes.buffer)
  length = 0

  private reserve(size: number): number {
    while (this.length + size > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2)
      grown.set(this.bytes)
      this.bytes = grown
      this.view = new DataView(grown.buffer)
    }
    const at = this.length
    this.length += size
    return at
  }

  // Each write reserves before it touches `view`: reserving may replace the view with a larger one.
  u8(value: number): void {
    const at = this.reserve(1)
    this.view.setUint8(at, value)
  }

  u16(value: number): void {
    const at = this.reserve(2)
    this.view.setUint16(at, value, true)
  }

  u32(value: number): number {
    const at = this.reserve(4)
    this.view.setUint32(at, value >>> 0, true)
    return at
  }

  align(): void {
    while (this.length % 4) this.u8(0)
  }

  /** Stores at `slot` the forward offset to `target`. */
  patch(slot: number, target: number): void {
    this.view.setUint32(slot, target - slot, true)
  }

  table(fields: Fields): number {
    const present = fields.map((field) => field !== undefined)
    const vtable = this.length
    this.u16(4 + 2 * fields.length)
    this.u16(4 + 4 * present.filter(Boolean).length)
    let offset = 4
    for (const isPresent of present) {
      this.u16(isPresent ? offset : 0)
      if (isPresent) offset += 4
    }
    this.align()
    const table = this.u32(0)
    this.view.setInt32(table, table - vtable, true)
    const slots: Array<{ slot: number; field: Field }> = []
    for (const field of fields) {
      if (field === undefined) continue
      const slot = this.u32(0)
      if ('int8' in field) this.view.setInt8(slot, field.int8)
      else if ('uint8' in field) this.view.setUint8(slot, field.uint8)
      else if ('int32' in field) this.view.setInt32(slot, field.int32, true)
      else if ('uint32' in field) this.view.setUint32(slot, field.uint32, true)
      else slots.push({ slot, field })
    }
    for (const { slot, field } of slots) this.patch(slot, this.child(field))
    return table
  }

  private child(field: Field): number {
    if ('table' in field) return this.table(field.table)
    if ('tables' in field) {
      const start = this.u32(field.tables.length)
      const elements = field.tables.map(() => this.u32(0))
      field.tables.forEach((table, i) => this.patch(elements[i]!, this.table(table)))
      return start
    }
    const start = this.length
    if ('string' in field) {
      const text = new TextEncoder().encode(field.string)
      this.u32(text.length)
      for (const byte of text) this.u8(byte)
      this.u8(0)
    } else if ('bytes' in field) {
      this.u32(field.bytes.length)
      for (const byte of field.bytes) this.u8(byte)
    } else if ('int32s' in field) {
      this.u32(field.int32s.length)
      for (const value of field.int32s) {
        const at = this.u32(0)
        this.view.setInt32(at, value, true)
      }
    } else if ('float32s' in field) {
      this.u32(field.float32s.length)
      for (const value of field.float32s) {
        const at = this.u32(0)
        this.view.setFloat32(at, value, true)
      }
    } else if ('int64s' in field) {
      this.u32(field.int64s.length)
      for (const value of field.int64s) {
        const at = this.reserve(8)
        this.view.setBigInt64(at, BigInt(value), true)
      }
    }
    this.align()
    return start
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length)
  }
}
