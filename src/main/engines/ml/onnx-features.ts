import { createSession, featureLayerOf, featureOutputName, type LayerInfo, type OnnxRuntime, type OnnxSession } from '../onnx'
import { chooseFeatureLayers, featureLayerList, unknownFeatureLayer, type FeatureExtractor, type FeatureMap, type SpatialLayer } from './feature-maps'
import type { ModelManifest } from './manifest'
import { normaliseRows, ownFloat32 } from './vectors'

/**
 * Feature maps on the onnxruntime path. The converted graph that is cached on disk carries, besides the embedding, the
 * model's stride-8, -16 and -32 maps as extra outputs, so the usual request is answered by the session embed uses,
 * with no second conversion, file or session. embed fetches only the embedding and does not notice the extra outputs
 * (3.56 against 3.54 ms an image with MobileNetV2-0.35, batch 8, on 2 cores; fetching the two maps as well, 4.0 ms).
 * Other layers need a graph that outputs them: it is converted on first use
 * (about 0.1 s for that model, weights read and verified again) and kept in memory, one at a time, while the same
 * layers are asked for.
 */

/** A layer choice made from the converted layers (see ConvertOptions.features). */
export type FeatureChoice = (layers: readonly LayerInfo[]) => readonly string[]

/** Converts the verified model again with the feature outputs `choose` picks. */
export type Reconvert = (choose: FeatureChoice) => Promise<Uint8Array>

const CONTAINERS = new Set(['Model', 'Functional', 'Sequential'])

/** The default stride-8/16/32 layers, as the outputs of the conversion that is cached (see onnx-embedder.ts). */
export function defaultFeatureOutputs(manifest: ModelManifest): FeatureChoice {
  return (layers) => {
    const spatial = spatialLayers(layers)
    return featureLayerList(chooseFeatureLayers(manifest, spatial), spatial)
  }
}

export function onnxFeatures(options: {
  ort: OnnxRuntime
  session: OnnxSession
  manifest: ModelManifest
  reconvert: Reconvert
  threads?: number
}): FeatureExtractor & { release(): void } {
  const { ort, session, manifest, reconvert } = options
  const { width, height } = manifest.input
  let other: { key: string; session: OnnxSession } | null = null

  const sessionFor = async (names: readonly string[]): Promise<OnnxSession> => {
    if (names.every((name) => session.outputNames.includes(featureOutputName(name)))) return session
    const key = JSON.stringify(names)
    if (other?.key === key) return other.session
    const onnx = await reconvert((layers) => {
      const spatial = spatialLayers(layers)
      const unknown = names.find((name) => !spatial.some((layer) => layer.name === name))
      if (unknown !== undefined) throw unknownFeatureLayer(manifest.name, unknown, spatial)
      return names
    })
    const created = await createSession(onnx, options.threads ? { threads: options.threads } : {})
    void other?.session.release()
    other = { key, session: created }
    return created
  }

  return {
    // The cached graph's feature outputs are the chosen layers, in graph order: choosing again among them alone gives
    // the same layers (see featureLayerList), without converting the model to learn its layers' shapes.
    defaults: chooseFeatureLayers(manifest, outputLayers(session)),
    async extract(batch, n, names, withEmbedding) {
      const target = await sessionFor(names)
      const fetches = [...names.map(featureOutputName), ...(withEmbedding ? ['embedding'] : [])]
      const result = await target.run({ image: new ort.Tensor('float32', batch, [n, height, width, 3]) }, fetches)
      try {
        const maps = names.map((name): FeatureMap => {
          const output = result[featureOutputName(name)]
          if (!output) throw new Error(`onnxruntime returned no feature map for layer "${name}"`)
          const [, mapHeight, mapWidth, channels] = output.dims as [number, number, number, number]
          return { name, height: mapHeight, width: mapWidth, channels, data: ownFloat32(output.data as Float32Array) }
        })
        const embedding = result.embedding
        if (withEmbedding && !embedding) throw new Error('onnxruntime returned no embedding')
        return { maps, embedding: embedding ? normaliseRows(embedding.data as Float32Array, n, manifest.dimension) : null }
      } finally {
        for (const output of Object.values(result)) output.dispose()
      }
    },
    release() {
      void other?.session.release()
      other = null
    },
  }
}

/** The converted layers whose outputs are feature maps: rank 3 without the batch, nested models themselves left out. */
function spatialLayers(layers: readonly LayerInfo[]): SpatialLayer[] {
  return layers.flatMap(({ name, className, shape }) => {
    if (CONTAINERS.has(className) || shape.length !== 3) return []
    const [mapHeight, mapWidth, channels] = shape as [number, number, number]
    return [{ name, height: mapHeight, width: mapWidth, channels }]
  })
}

/** The session's feature outputs, in graph output order, as layers. */
function outputLayers(session: OnnxSession): SpatialLayer[] {
  return session.outputMetadata.flatMap((output) => {
    const name = featureLayerOf(output.name)
    if (name === null || !output.isTensor || output.shape.length !== 4) return []
    const [, mapHeight, mapWidth, channels] = output.shape
    return typeof mapHeight === 'number' && typeof mapWidth === 'number' && typeof channels === 'number' ? [{ name, height: mapHeight, width: mapWidth, channels }] : []
  })
}
