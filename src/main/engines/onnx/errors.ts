/** A TensorFlow.js layers model this converter cannot express in ONNX. `layer` names the layer at fault, if one is. */
export class ConversionError extends Error {
  override readonly name = 'ConversionError'
  constructor(
    message: string,
    readonly layer?: { name: string; className: string },
  ) {
    super(message)
  }
}
