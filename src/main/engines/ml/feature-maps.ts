import { ModelError } from './errors'
import type { ModelManifest } from './manifest'

/**
 * Intermediate feature maps of a backbone, as every inference path gives them: plain data and pure functions, shared by
 * the main side (EmbeddingEngine) and the worker (TensorFlow.js and onnxruntime paths).
 */

/** One layer's output for a batch: n×height×width×channels floats, NHWC (TensorFlow.js's order on every backend). */
export interface FeatureMap {
  name: string
  height: number
  width: number
  channels: number
  data: Float32Array
}

/** What the worker answers: the maps in the order asked for, and the batch's embedding (rows L2-normalised) if asked. */
export interface FeatureResult {
  maps: FeatureMap[]
  embedding: Float32Array | null
}

/** The layers giving the backbone's stride-8, -16 and -32 maps (the manifest's, else found by shape); null: none. */
export interface FeatureLayers {
  stride8: string | null
  stride16: string | null
  stride32: string | null
}

/** A layer whose output is a feature map (H×W×C per image), in the model's graph order. */
export interface SpatialLayer {
  name: string
  height: number
  width: number
  channels: number
}

/** What an inference path that can give feature maps offers (see Embedder.featureMaps). */
export interface FeatureExtractor {
  readonly defaults: FeatureLayers
  /** `batch`: n×H×W×3, already normalised; `layers`: checked by checkFeatureRequest. */
  extract(batch: Float32Array, n: number, layers: readonly string[], withEmbedding: boolean): Promise<FeatureResult>
}

const STRIDES = { stride8: 8, stride16: 16, stride32: 32 } as const

/**
 * How a stride's layer is found when the manifest does not name it. Part of the onnxruntime cache key, since the
 * converted graph carries these layers as outputs: changing the rule must change this text.
 */
export const DEFAULT_FEATURES_RULE = 'strides 8, 16, 32: the last non-container layer whose output is ceil(input / stride) on both sides'

/**
 * The stride-8, stride-16 and stride-32 layers: the manifest's choice where it makes one (it must be a layer with a feature map),
 * else the last layer in graph order whose map is the input size divided by the stride (rounded up, as 'same' padding
 * rounds). "Last" picks the stage's final activation over the convolutions and normalisations before it, e.g.
 * block_13_expand_relu (14×14) and out_relu (7×7) in MobileNetV2 at 224 px.
 */
export function chooseFeatureLayers(manifest: ModelManifest, layers: readonly SpatialLayer[]): FeatureLayers {
  const chosen: FeatureLayers = { stride8: null, stride16: null, stride32: null }
  for (const [key, stride] of Object.entries(STRIDES) as Array<[keyof FeatureLayers, number]>) {
    const declared = manifest.features?.[key]
    if (declared) {
      if (!layers.some((layer) => layer.name === declared)) {
        const reason = `The manifest of "${manifest.name}" names features.${key} "${declared}", but the model has ${describeUnknownLayer(declared, layers)}.`
        throw new ModelError('invalid-manifest', reason, { modelId: manifest.id })
      }
      chosen[key] = declared
      continue
    }
    const height = Math.ceil(manifest.input.height / stride)
    const width = Math.ceil(manifest.input.width / stride)
    chosen[key] = layers.findLast((layer) => layer.height === height && layer.width === width)?.name ?? null
  }
  return chosen
}

/**
 * The distinct layers of `chosen`, in graph order. Kept in that order as graph outputs, they are chosen again from
 * those outputs alone: no layer after a stride's last layer of its size is among them.
 */
export function featureLayerList(chosen: FeatureLayers, layers: readonly SpatialLayer[]): string[] {
  const names = new Set(Object.values(chosen))
  return layers.filter((layer) => names.has(layer.name)).map((layer) => layer.name)
}

/** A request's layer list must name at least one layer, each once. Thrown on the calling side, before the worker. */
export function checkFeatureRequest(layers: readonly string[]): void {
  if (!Array.isArray(layers) || layers.length === 0) throw new RangeError('features: name at least one layer')
  const bad = layers.find((name) => typeof name !== 'string' || name.length === 0)
  if (bad !== undefined) throw new RangeError(`features: layer names must be non-empty strings, got ${JSON.stringify(bad)}`)
  const repeated = layers.find((name, index) => layers.indexOf(name) !== index)
  if (repeated !== undefined) throw new RangeError(`features: layer "${repeated}" is asked for twice`)
}

/** The error for a layer name that has no feature map: which name, and the closest names that do. */
export function unknownFeatureLayer(modelName: string, name: string, layers: readonly SpatialLayer[]): Error {
  return new Error(`"${modelName}" has ${describeUnknownLayer(name, layers)}`)
}

const SUGGESTIONS = 5

function describeUnknownLayer(name: string, layers: readonly SpatialLayer[]): string {
  if (layers.length === 0) return `no layer "${name}" with a feature map (no layer of it gives one)`
  // Nearest by edit distance, so a typo is answered with the intended name; graph order among equals.
  const nearest = layers
    .map((layer, order) => ({ layer, order, distance: editDistance(name, layer.name) }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, SUGGESTIONS)
    .map(({ layer }) => `${layer.name} (${layer.height}×${layer.width}×${layer.channels})`)
  return `no layer "${name}" with a feature map; of its ${layers.length} such layers the nearest are ${nearest.join(', ')}`
}

/** Levenshtein distance (insertions, deletions, substitutions), one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] as number
}
