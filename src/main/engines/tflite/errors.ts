/**
 * A .tflite file Loupe cannot turn into a TensorFlow.js model: not a TFLite file, damaged, or using something the
 * converter does not translate. The message is a sentence for the person who added the file; `file` and `operator`
 * say where the problem is when it is known.
 */
export class TfliteConversionError extends Error {
  override readonly name = 'TfliteConversionError'
  constructor(
    message: string,
    readonly details: { file?: string; operator?: { index: number; type: string } } = {},
  ) {
    super(message)
  }
}
