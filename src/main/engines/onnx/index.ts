/**
 * The ONNX engine: converting TensorFlow.js layers models to ONNX, reading an ONNX graph's signature, and running
 * models with onnxruntime-node (CPU).
 * Used by engines/ml: the inference worker runs models with it, the model store reads an .onnx file's signature with
 * it. Training stays on TensorFlow.js.
 */
export { CONVERTER_VERSION, convertLayersModel, featureLayerOf, featureOutputName } from './convert'
export type { ConvertedModel, ConvertOptions, LayerInfo } from './convert'
export { ConversionError } from './errors'
export { createSession, defaultIntraOpThreads, loadOnnxRuntime, probeOnnxRuntime } from './runtime'
export type { OnnxRuntime, OnnxSession } from './runtime'
export { signatureOf } from './signature'
export type { OnnxSignature, OnnxValue } from './signature'
export { decodeWeights } from './weights'
export type { DecodedWeight, WeightsGroup, WeightSpec } from './weights'
