import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ModelStore, type InstalledModel } from '../src/main/engines/ml'

/** The shared test data beside the checkout: the bench reads the models there, the product itself never does. */
const SHARED_MODELS = resolve(fileURLToPath(new URL('../../shared/models', import.meta.url)))

/** A backbone Loupe knows, as the file a user would add: the published .tflite (converted on the way in) or a folder. */
export interface BenchModel {
  /** The id the store gives it (the known model's). */
  id: string
  /** Short enough for a table row. */
  label: string
  source: string
}

export const BENCH_MODELS: readonly BenchModel[] = [
  { id: 'mobilenet-v1-1.0-224', label: 'MobileNetV1 1.0', source: join(SHARED_MODELS, 'tflite', 'mobilenet_v1_1.0_224_quant_embedding_extractor.tflite') },
  { id: 'mobilenet-v2-1.0-224', label: 'MobileNetV2 1.0', source: join(SHARED_MODELS, 'tflite', 'mobilenet_v2_1.0_224_quant.tflite') },
  { id: 'mobilenet-v2-0.35-224', label: 'MobileNetV2 0.35', source: join(SHARED_MODELS, 'mobilenet-v2-0.35-224') },
]

export function benchModel(id: string): BenchModel {
  const model = BENCH_MODELS.find((candidate) => candidate.id === id)
  if (!model) throw new Error(`the bench has no model "${id}"; it knows ${BENCH_MODELS.map((known) => known.id).join(', ')}`)
  return model
}

/**
 * Adds the models to a store at `dir` the way a user adds them (the store recognises the known .tflite files by hash
 * and converts them), for EmbeddingEngine and for openLoupe's `modelsDir`. A model that comes in under another id than
 * the bench expects would have its figures filed under the wrong name, so that stops the run.
 */
export async function installBenchModels(dir: string, models: readonly BenchModel[]): Promise<Map<string, InstalledModel>> {
  const store = new ModelStore(dir)
  const installed = new Map<string, InstalledModel>()
  for (const model of models) {
    const added = await store.addModel(model.source)
    if (added.id !== model.id) throw new Error(`${model.source} was installed as "${added.id}", not "${model.id}"`)
    installed.set(model.id, added)
  }
  return installed
}
