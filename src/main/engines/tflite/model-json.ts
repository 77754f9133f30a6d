import type { KerasLayer } from './graph'

/**
 * The layer graph as a TensorFlow.js layers model: model.json's content (Keras functional-model topology and a
 * weights manifest for one weights.bin) and the weight bytes in manifest order.
 */

export interface WeightsManifestEntry {
  name: string
  shape: number[]
  dtype: 'float32'
  quantization?: { dtype: 'uint8'; scale: number; min: number }
}

export interface LayersModelJson {
  format: 'layers-model'
  generatedBy: string
  convertedBy: string
  modelTopology: {
    class_name: 'Model'
    config: { name: string; layers: unknown[]; input_layers: unknown[]; output_layers: unknown[] }
    keras_version: string
    backend: string
  }
  weightsManifest: Array<{ paths: ['weights.bin']; weights: WeightsManifestEntry[] }>
}

export const WEIGHTS_FILE = 'weights.bin'

export function layersModelJson(model: {
  name: string
  input: KerasLayer
  output: KerasLayer
  layers: readonly KerasLayer[]
  generatedBy: string
  convertedBy: string
}): { modelJson: LayersModelJson; weights: Uint8Array } {
  const { name, input, output, layers, generatedBy, convertedBy } = model
  const entries: WeightsManifestEntry[] = []
  const parts: Uint8Array[] = []
  const topology = [input, ...layers].map((layer) => {
    for (const weight of layer.weights) {
      entries.push({ name: `${layer.name}/${weight.name}`, shape: weight.shape, dtype: 'float32', ...(weight.quantization ? { quantization: weight.quantization } : {}) })
      parts.push(weight.bytes)
    }
    return {
      name: layer.name,
      class_name: layer.className,
      config: { ...layer.config, name: layer.name },
      inbound_nodes: layer.inbound.length ? [layer.inbound.map((source) => [source.name, 0, 0, {}])] : [],
    }
  })
  const weights = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    weights.set(part, offset)
    offset += part.byteLength
  }
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy,
      convertedBy,
      modelTopology: {
        class_name: 'Model',
        config: { name, layers: topology, input_layers: [[input.name, 0, 0]], output_layers: [[output.name, 0, 0]] },
        // The layer configs follow what tfjs-layers 4.22 writes and reads.
        keras_version: 'tfjs-layers 4.22.0',
        backend: 'tensor_flow.js',
      },
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: entries }],
    },
    weights,
  }
}
