import { writeFlatBuffer, type Field, type Fields } from './flatbuffer-writer'

/**
 * Synthetic .tflite files for tests, described in plain terms and written with the TFLite schema's field order
 * (Model, SubGraph, Tensor, Operator, OperatorCode, Buffer, QuantizationParameters).
 */

export const TYPE = { float32: 0, int32: 2, uint8: 3, int8: 9 } as const

export interface TensorSpec {
  name: string
  shape: number[]
  type: keyof typeof TYPE
  /** Constant data (weights); absent for tensors computed at run time. */
  data?: Uint8Array
  quantization?: { scale: number[]; zeroPoint: number[]; axis?: number }
}

export interface OperatorSpec {
  /** BuiltinOperator code. */
  code: number
  inputs: number[]
  outputs: number[]
  /** BuiltinOptions union type and the option table's fields. */
  options?: { type: number; fields: Fields }
}

export interface ModelSpec {
  tensors: TensorSpec[]
  operators: OperatorSpec[]
  inputs: number[]
  outputs: number[]
}

export function writeTflite(spec: ModelSpec): Uint8Array {
  // Buffer 0 is the conventional empty buffer; each constant tensor gets its own after it.
  const buffers: Fields[] = [[]]
  const tensors = spec.tensors.map((tensor): Fields => {
    let buffer = 0
    if (tensor.data) {
      buffer = buffers.length
      buffers.push([{ bytes: tensor.data }])
    }
    const quantization: Field | undefined = tensor.quantization && {
      table: [undefined, undefined, { float32s: tensor.quantization.scale }, { int64s: tensor.quantization.zeroPoint }, undefined, undefined, { int32: tensor.quantization.axis ?? 0 }],
    }
    return [{ int32s: tensor.shape }, { int8: TYPE[tensor.type] }, { uint32: buffer }, { string: tensor.name }, quantization]
  })
  const codes = [...new Set(spec.operators.map((op) => op.code))]
  const operators = spec.operators.map((op): Fields => [
    { uint32: codes.indexOf(op.code) },
    { int32s: op.inputs },
    { int32s: op.outputs },
    op.options && { uint8: op.options.type },
    op.options && { table: op.options.fields },
  ])
  const subgraph: Fields = [{ tables: tensors }, { int32s: spec.inputs }, { int32s: spec.outputs }, { tables: operators }, { string: 'main' }]
  const model: Fields = [
    { uint32: 3 },
    // Codes up to 127 also go in the deprecated int8 field, as converters write them.
    { tables: codes.map((code): Fields => [{ int8: Math.min(code, 127) }, undefined, { int32: 1 }, { int32: code }]) },
    { tables: [subgraph] },
    { string: 'synthetic test model' },
    { tables: buffers },
  ]
  return writeFlatBuffer(model, 'TFL3')
}

export function float32Data(values: readonly number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer)
}

export function int32Data(values: readonly number[]): Uint8Array {
  return new Uint8Array(Int32Array.from(values).buffer)
}

export function int8Data(values: readonly number[]): Uint8Array {
  return new Uint8Array(Int8Array.from(values).buffer)
}
