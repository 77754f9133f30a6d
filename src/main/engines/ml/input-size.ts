import type { ModelManifest } from './manifest'
import type { ModelJson } from './model-files'

/**
 * Running a layers model at another input size than its input layer declares. A fully convolutional backbone does not
 * care how large its input is: the box detector runs one larger than it was trained at, so that small pictures' fine
 * textures reach it larger and its stride-8 grid has more cells. The size asked for is the manifest's input (the
 * caller gives a manifest with its input changed); the topology's input layer is set to it before the model is built
 * or converted. A model that cannot run at that size (a dense layer after a flatten) fails to load, saying why.
 */

type LayerJson = { config?: unknown }

/** The model's image input as its topology declares it, or null when it declares none (graph models). */
export function declaredInput(modelJson: ModelJson): { height: number; width: number } | null {
  const shape = inputLayerConfig(modelJson.modelTopology)?.batch_input_shape
  if (!Array.isArray(shape) || shape.length !== 4 || typeof shape[1] !== 'number' || typeof shape[2] !== 'number') return null
  return { height: shape[1], width: shape[2] }
}

/** model.json as the manifest's input size needs it: unchanged (the same object) when that is what it declares. */
export function atManifestInput(modelJson: ModelJson, manifest: ModelManifest): ModelJson {
  const declared = declaredInput(modelJson)
  const { height, width, channels } = manifest.input
  if (!declared || (declared.height === height && declared.width === width)) return modelJson
  const copy = structuredClone(modelJson)
  inputLayerConfig(copy.modelTopology)!.batch_input_shape = [null, height, width, channels]
  return copy
}

/** The config holding the first batch_input_shape: the model's own, or its (or a nested model's) first input layer's. */
function inputLayerConfig(json: unknown): { batch_input_shape?: unknown } | null {
  const config = (json as LayerJson | null)?.config
  if (!config || typeof config !== 'object') return null
  if (!Array.isArray(config) && 'batch_input_shape' in config) return config as { batch_input_shape?: unknown }
  const layers = Array.isArray(config) ? config : ((config as { layers?: unknown[] }).layers ?? [])
  for (const layer of layers) {
    const found = inputLayerConfig(layer)
    if (found) return found
  }
  return null
}
