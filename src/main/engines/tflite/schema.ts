import { TfliteConversionError } from './errors'
import { FlatBuffer, type Table } from './flatbuffers'
import { operatorName } from './vocabulary'

/**
 * The TFLite model schema (tensorflow/lite/schema/schema.fbs), read into plain objects. Only the first subgraph is
 * read: it is the model's main function. Field indices below are the schema's field order.
 */

export interface TfliteQuantization {
  /** One value per tensor, or one per slice along `axis` (per-channel quantization). real = scale × (q − zeroPoint). */
  scale: number[]
  zeroPoint: number[]
  axis: number
}

export interface TfliteTensor {
  index: number
  name: string
  shape: number[]
  /** TensorType enum value (see vocabulary.ts). */
  type: number
  buffer: number
  quantization: TfliteQuantization | null
}

export interface TfliteOperator {
  /** Position in the subgraph's execution order. */
  index: number
  /** BuiltinOperator enum value. */
  code: number
  /** e.g. 'CONV_2D', or a custom operator's own name. */
  type: string
  /** Tensor indices; −1 marks an omitted optional input. */
  inputs: number[]
  outputs: number[]
  /** BuiltinOptions union type and table (null when the operator stores none and its defaults apply). */
  optionsType: number
  options: Table | null
}

export interface TfliteModel {
  tensors: TfliteTensor[]
  inputs: number[]
  outputs: number[]
  operators: TfliteOperator[]
  /** A buffer's bytes, a view into the file (empty for tensors computed at run time). */
  bufferData(index: number): Uint8Array
}

const IDENTIFIER = 'TFL3'
const CUSTOM = 32

export function readTflite(bytes: Uint8Array): TfliteModel {
  const buffer = new FlatBuffer(bytes)
  if (buffer.identifier() !== IDENTIFIER) {
    throw new TfliteConversionError(`it is not a TensorFlow Lite model (it does not carry the "${IDENTIFIER}" file identifier)`)
  }
  const model = buffer.root()
  const codes = model.tables(1).map((code) => ({
    // Codes above 127 live only in the int32 field; older files fill only the int8 one.
    code: Math.max(code.int8(0, 0), code.int32(3, 0)),
    custom: code.string(1),
  }))
  const subgraph = model.tables(2)[0]
  if (!subgraph) throw new TfliteConversionError('it contains no model graph (no subgraph)')
  const buffers = model.tables(4)

  const tensors = subgraph.tables(0).map((tensor, index) => readTensor(tensor, index, buffers.length))
  const checkTensors = (indices: number[], where: string): number[] => {
    for (const index of indices) {
      if (index < -1 || index >= tensors.length) throw new TfliteConversionError(`${where} refers to tensor ${index}, which does not exist`)
    }
    return indices
  }
  const operators = subgraph.tables(3).map((operator, index): TfliteOperator => {
    const opcode = codes[operator.uint32(0, 0)]
    if (!opcode) throw new TfliteConversionError(`operator ${index} has an operator code that the file does not define`)
    return {
      index,
      code: opcode.code,
      type: opcode.code === CUSTOM ? `CUSTOM ${opcode.custom ?? '(unnamed)'}` : operatorName(opcode.code),
      inputs: checkTensors(operator.int32s(1), `operator ${index}`),
      outputs: checkTensors(operator.int32s(2), `operator ${index}`),
      optionsType: operator.uint8(3, 0),
      options: operator.table(4),
    }
  })
  return {
    tensors,
    inputs: checkTensors(subgraph.int32s(1), 'the model input'),
    outputs: checkTensors(subgraph.int32s(2), 'the model output'),
    operators,
    bufferData: (index) => buffers[index]?.bytes(0) ?? new Uint8Array(0),
  }
}

function readTensor(tensor: Table, index: number, bufferCount: number): TfliteTensor {
  const buffer = tensor.uint32(2, 0)
  if (buffer >= bufferCount && bufferCount > 0) throw new TfliteConversionError(`tensor ${index} refers to buffer ${buffer}, which does not exist`)
  const shape = tensor.int32s(0)
  // No image model has more axes; a longer shape is damage, and would make an unreadable message.
  if (shape.length > 8) throw new TfliteConversionError(`tensor ${index} has ${shape.length} axes`)
  if (shape.some((size) => size < 0)) throw new TfliteConversionError(`tensor ${index} has a dynamic shape [${shape.join(', ')}]`)
  const quantization = tensor.table(4)
  const scale = quantization?.float32s(2) ?? []
  return {
    index,
    name: tensor.string(3) ?? `tensor_${index}`,
    shape,
    type: tensor.int8(1, 0),
    buffer,
    quantization:
      quantization && scale.length > 0 ? { scale, zeroPoint: quantization.int64s(3), axis: quantization.int32(6, 0) } : null,
  }
}
