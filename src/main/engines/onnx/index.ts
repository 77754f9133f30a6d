/**
 * The ONNX engine: converting TensorFlow.js layers models to ONNX and running them with onnxruntime-node (CPU).
 * Used by the inference worker (engines/ml); training stays on TensorFlow.js.
 */
export { CONVERTER_VERSION, convertLayersModel, featureLayerOf, featureOutputName } from './convert'
export type { ConvertedModel, ConvertOptions, LayerInfo } from './convert'
export { ConversionError } from './errors'
export { createSession, defaultIntraOpThreads, loadOnnxRuntime, probeOnnxRuntime } from './runtime'
export type { OnnxRuntime, OnnxSession } from './runtime'
export { decodeWeights } from './weights'
export type { DecodedWeight, WeightsGroup, WeightSpec } from './weights'
