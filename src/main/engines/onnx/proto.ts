/**
 * A minimal Protocol Buffers writer for the parts of ONNX's ModelProto this engine emits (onnx/onnx.proto3, IR 8).
 * Only encoding: the graph is built here and read by onnxruntime, never parsed back.
 */

class Writer {
  private readonly chunks: Uint8Array[] = []
  private length = 0

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes)
    this.length += bytes.length
  }

  private varint(value: bigint): void {
    // Negative int64 values are written as their 64-bit two's complement (ten bytes), as protobuf requires.
    let rest = BigInt.asUintN(64, value)
    const bytes: number[] = []
    do {
      let byte = Number(rest & 0x7fn)
      rest >>= 7n
      if (rest > 0n) byte |= 0x80
      bytes.push(byte)
    } while (rest > 0n)
    this.push(Uint8Array.from(bytes))
  }

  private tag(field: number, wireType: 0 | 1 | 2 | 5): void {
    this.varint(BigInt((field << 3) | wireType))
  }

  int(field: number, value: number | bigint): this {
    this.tag(field, 0)
    this.varint(BigInt(value))
    return this
  }

  float(field: number, value: number): this {
    this.tag(field, 5)
    const bytes = new Uint8Array(4)
    new DataView(bytes.buffer).setFloat32(0, value, true)
    this.push(bytes)
    return this
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2)
    this.varint(BigInt(value.length))
    this.push(value)
    return this
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value))
  }

  message(field: number, build: (inner: Writer) => void): this {
    const inner = new Writer()
    build(inner)
    return this.bytes(field, inner.finish())
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length)
    let offset = 0
    for (const chunk of this.chunks) {
      out.set(chunk, offset)
      offset += chunk.length
    }
    return out
  }
}

/** ONNX TensorProto.DataType values used here. */
export const ElemType = { float: 1, int64: 7 } as const

export type Attribute =
  | { name: string; int: number }
  | { name: string; ints: readonly number[] }
  | { name: string; float: number }
  | { name: string; string: string }

export interface NodeSpec {
  op: string
  inputs: readonly string[]
  outputs: readonly string[]
  name: string
  attributes?: readonly Attribute[]
}

export interface Initializer {
  name: string
  dims: readonly number[]
  /** float32 values, or int64 values given as numbers. */
  data: Float32Array | { int64: readonly number[] }
}

export interface ValueSpec {
  name: string
  /** A dimension is a size, or a name for a symbolic one (e.g. "batch"). */
  dims: ReadonlyArray<number | string>
}

export interface GraphSpec {
  name: string
  nodes: readonly NodeSpec[]
  initializers: readonly Initializer[]
  inputs: readonly ValueSpec[]
  outputs: readonly ValueSpec[]
  docString?: string
}

const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, ints: 7 } as const

function writeAttribute(w: Writer, attribute: Attribute): void {
  w.string(1, attribute.name)
  if ('int' in attribute) w.int(3, attribute.int).int(20, ATTRIBUTE_TYPE.int)
  else if ('ints' in attribute) {
    for (const value of attribute.ints) w.int(8, value)
    w.int(20, ATTRIBUTE_TYPE.ints)
  } else if ('float' in attribute) w.float(2, attribute.float).int(20, ATTRIBUTE_TYPE.float)
  else w.string(4, attribute.string).int(20, ATTRIBUTE_TYPE.string)
}

function writeValueInfo(w: Writer, value: ValueSpec): void {
  w.string(1, value.name)
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, ElemType.float)
      tensor.message(2, (shape) => {
        for (const dim of value.dims) shape.message(1, (d) => (typeof dim === 'number' ? d.int(1, dim) : d.string(2, dim)))
      })
    }),
  )
}

function writeInitializer(w: Writer, init: Initializer): void {
  for (const dim of init.dims) w.int(1, dim)
  if (init.data instanceof Float32Array) {
    w.int(2, ElemType.float)
    w.string(8, init.name)
    const raw = new Uint8Array(init.data.byteLength)
    const view = new DataView(raw.buffer)
    init.data.forEach((value, index) => view.setFloat32(index * 4, value, true))
    w.bytes(9, raw)
  } else {
    w.int(2, ElemType.int64)
    w.string(8, init.name)
    const raw = new Uint8Array(init.data.int64.length * 8)
    const view = new DataView(raw.buffer)
    init.data.int64.forEach((value, index) => view.setBigInt64(index * 8, BigInt(value), true))
    w.bytes(9, raw)
  }
}

/** Serialises a ModelProto holding `graph`, for the default ONNX operator set `opset`. */
export function encodeModel(graph: GraphSpec, options: { opset: number; producer: string; producerVersion: string }): Uint8Array {
  const w = new Writer()
  w.int(1, 8) // ir_version
  w.string(2, options.producer)
  w.string(3, options.producerVersion)
  w.message(7, (g) => {
    for (const node of graph.nodes) {
      g.message(1, (n) => {
        for (const input of node.inputs) n.string(1, input)
        for (const output of node.outputs) n.string(2, output)
        n.string(3, node.name)
        n.string(4, node.op)
        for (const attribute of node.attributes ?? []) n.message(5, (a) => writeAttribute(a, attribute))
      })
    }
    g.string(2, graph.name)
    for (const init of graph.initializers) g.message(5, (t) => writeInitializer(t, init))
    if (graph.docString) g.string(10, graph.docString)
    for (const input of graph.inputs) g.message(11, (v) => writeValueInfo(v, input))
    for (const output of graph.outputs) g.message(12, (v) => writeValueInfo(v, output))
  })
  w.message(8, (o) => o.string(1, '').int(2, options.opset))
  return w.finish()
}
