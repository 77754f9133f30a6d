import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import { chooseFeatureLayers, unknownFeatureLayer, type FeatureExtractor, type FeatureMap, type SpatialLayer } from './feature-maps'
import type { ModelManifest } from './manifest'
import { ownFloat32 } from './vectors'

/**
 * Feature maps on the TensorFlow.js path (wasm, cpu, tfjs-node), inside the inference worker. A second tf.model is
 * built over the loaded model's own layers (weights shared, nothing copied or loaded again) from the image input to the
 * asked-for layers and, if asked, to the embedding's source, so one forward pass gives all of them. The last such model
 * is kept for the next request for the same layers, which is how feature work calls it (the same layers, batch after
 * batch).
 */

interface Tap {
  info: SpatialLayer
  output: tfl.SymbolicTensor
}

/**
 * `model`: the loaded model; `net`: the model the embedding comes from (`model` itself, or a tap of the manifest's
 * embedding layer); `embeddingOf`: net's output → L2-normalised embedding, as the embed path computes it.
 */
export function layersModelFeatures(
  model: tfl.LayersModel,
  net: tfl.LayersModel,
  manifest: ModelManifest,
  embeddingOf: (output: tf.Tensor, n: number) => tf.Tensor2D,
): FeatureExtractor {
  const taps = spatialTaps(model)
  const infos = taps.map((tap) => tap.info)
  const byName = new Map(taps.map((tap) => [tap.info.name, tap]))
  const defaults = chooseFeatureLayers(manifest, infos)
  const { width, height } = manifest.input
  let kept: { key: string; model: tfl.LayersModel } | null = null

  const modelFor = (names: readonly string[], withEmbedding: boolean): tfl.LayersModel => {
    const key = JSON.stringify([names, withEmbedding])
    if (kept?.key === key) return kept.model
    const outputs = names.map((name) => {
      const tap = byName.get(name)
      if (!tap) throw unknownFeatureLayer(manifest.name, name, infos)
      return tap.output
    })
    if (withEmbedding) outputs.push(net.outputs[0] as tfl.SymbolicTensor)
    let tapped: tfl.LayersModel
    try {
      tapped = tfl.model({ inputs: net.inputs, outputs })
    } catch (error) {
      // E.g. a layer inside a nested model that is called on a tensor of its own rather than on the image input.
      const reason = `"${manifest.name}": layers ${names.join(', ')} cannot all be computed from the image input: ${(error as Error).message}`
      throw new Error(reason, { cause: error })
    }
    kept = { key, model: tapped }
    return tapped
  }

  return {
    defaults,
    async extract(batch, n, names, withEmbedding) {
      const tapped = modelFor(names, withEmbedding)
      const outputs = tf.tidy(() => {
        const predicted = tapped.predict(tf.tensor4d(batch, [n, height, width, 3], 'float32'))
        const list = Array.isArray(predicted) ? predicted : [predicted]
        return withEmbedding ? [...list.slice(0, names.length), embeddingOf(list[names.length] as tf.Tensor, n)] : list
      })
      try {
        const values = await Promise.all(outputs.map((output) => output.data<'float32'>()))
        const maps = names.map((name, index): FeatureMap => {
          const [, mapHeight, mapWidth, channels] = (outputs[index] as tf.Tensor).shape as [number, number, number, number]
          return { name, height: mapHeight, width: mapWidth, channels, data: ownFloat32(values[index] as Float32Array) }
        })
        return { maps, embedding: withEmbedding ? ownFloat32(values[names.length] as Float32Array) : null }
      } finally {
        for (const output of outputs) output.dispose()
      }
    },
  }
}

/**
 * Every layer with a 4-d output of known size, in graph order, the layers of a nested model where that model sits
 * (the model itself is not a tap: its output is its last layer's). Input layers and layers called more than once
 * (no single output) are left out.
 */
function spatialTaps(model: tfl.LayersModel): Tap[] {
  const taps: Tap[] = []
  for (const layer of model.layers) {
    if (layer instanceof tfl.LayersModel) {
      taps.push(...spatialTaps(layer))
      continue
    }
    if (layer.getClassName() === 'InputLayer' || layer.inboundNodes.length !== 1) continue
    const output = layer.output
    if (Array.isArray(output) || output.shape.length !== 4) continue
    const [, mapHeight, mapWidth, channels] = output.shape
    if (typeof mapHeight !== 'number' || typeof mapWidth !== 'number' || typeof channels !== 'number') continue
    taps.push({ info: { name: layer.name, height: mapHeight, width: mapWidth, channels }, output })
  }
  return taps
}
