import type { OnnxSession } from './runtime'

/**
 * What an ONNX graph says about its inputs and outputs, read from an onnxruntime session's metadata, so that a model
 * is described the way onnxruntime will run it.
 */

export interface OnnxValue {
  name: string
  /** Element type, e.g. 'float32'; null for a value that is not a tensor (a sequence or map). */
  type: string | null
  /** Sizes, or names for open dimensions (e.g. "batch"; "?" when unnamed); null when the graph does not give the shape. */
  shape: Array<number | string> | null
}

export interface OnnxSignature {
  inputs: OnnxValue[]
  outputs: OnnxValue[]
}

export function signatureOf(session: OnnxSession): OnnxSignature {
  // An open dimension without a name comes from onnxruntime as "" or a negative size: "?" says what it is.
  const dimension = (size: number | string): number | string => (size === '' || (typeof size === 'number' && size < 0) ? '?' : size)
  const describe = (values: OnnxSession['inputMetadata']): OnnxValue[] =>
    values.map((value) =>
      value.isTensor
        ? // onnxruntime reports a shape the graph leaves out as empty; a scalar is no image or embedding either way.
          { name: value.name, type: value.type, shape: value.shape.length > 0 ? value.shape.map(dimension) : null }
        : { name: value.name, type: null, shape: null },
    )
  return { inputs: describe(session.inputMetadata), outputs: describe(session.outputMetadata) }
}
