/**
 * The TFLite engine: converting .tflite image backbones (MobileNet-style CNNs, uint8/int8-quantized or float) into
 * TensorFlow.js layers models, once, when a person adds one. The result runs on every inference backend: TF.js loads
 * it, and the onnx engine converts it further for onnxruntime.
 */
export { convertTflite, convertTfliteFile, EMBEDDING_LAYER, pooledTensor, TFLITE_CONVERTER_VERSION } from './convert'
export type { FeatureLayer, Normalisation, TfliteConversion, TfliteConvertOptions } from './convert'
export { TfliteConversionError } from './errors'
export { WEIGHTS_FILE } from './model-json'
export type { LayersModelJson, WeightsManifestEntry } from './model-json'
export { readTflite } from './schema'
export type { TfliteModel, TfliteOperator, TfliteQuantization, TfliteTensor } from './schema'
