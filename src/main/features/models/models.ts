import { ApiError } from '../../../shared/api/errors'
import type { KnownModelInfo, ModelInfo, OnnxSettings } from '../../../shared/api/schemas'
import type { JobManager } from '../../platform/jobs/job-manager'
import { KNOWN_MODELS, onnxRuntimeUsable, recommendedModelId, type ModelFileFacts, type ModelListing } from '../../engines/ml'
import type { Embedder } from './embedder'
import { confirmedOnnxDraft, refusal } from './model-inspect'

export async function listModels(embedder: Embedder): Promise<ModelInfo[]> {
  embedder.refresh()
  return (await embedder.models.list()).map((listing) => describeModel(listing, embedder.modelId))
}

/** The models Loupe can get, each marked installed, recommended for this machine, and downloadable or not. */
export function listKnownModels(embedder: Embedder): KnownModelInfo[] {
  const installed = embedder.models.installedIds()
  const recommended = recommendedModelId(onnxRuntimeUsable())
  return KNOWN_MODELS.map((known) => ({
    id: known.id,
    name: known.name,
    dimension: known.dimension,
    licence: known.licence,
    downloadBytes: known.downloadBytes,
    cifar10PrecisionAt10: known.measured.cifar10PrecisionAt10,
    neuAccuracy: known.measured.neuAccuracy,
    onnxruntimeMsPerImage: known.measured.onnxruntimeMsPerImage,
    wasmMsPerImage: known.measured.wasmMsPerImage,
    installed: installed.includes(known.id),
    recommended: known.id === recommended,
    downloadable: known.source !== null,
    howToGet: known.howToGet ?? null,
  }))
}

/**
 * Verifies a model (a TensorFlow.js folder, an .onnx or a .tflite file) and installs it in the user's store; a broken
 * one is refused with what is wrong. `facts` names a model file the caller knows; `onnx` gives the settings a person
 * confirmed for an .onnx file. While the model in use is not installed (nothing was installed before, or the
 * workspace's model was removed), the added one takes its place.
 */
export async function installModel(
  embedder: Embedder,
  path: string,
  given: { facts?: ModelFileFacts; onnx?: OnnxSettings } = {},
): Promise<{ model: ModelInfo; activated: boolean }> {
  const inUseMissing = !(await embedder.models.has(embedder.modelId))
  let added
  try {
    added = given.onnx
      ? await embedder.models.addModelFromFile(path, { manifest: await confirmedOnnxDraft(path, given.onnx) })
      : await embedder.models.addModel(path, given.facts ? { facts: given.facts } : {})
  } catch (error) {
    throw refusal(error)
  }
  // Chosen for the workspace (not just the best installed one for now), so models added later do not take over.
  const activated = inUseMissing
  if (activated) embedder.use(added.id)
  else embedder.refresh()
  return { model: describeModel(added, embedder.modelId), activated }
}

/**
 * Makes an installed model the one indexing and search use. Refused while a classifier is being trained, as training
 * reads the embeddings of the model in use. Indexing for the model being left is cancelled (it resumes if that model
 * is chosen again); each model's embeddings are kept, so the new one's missing ones show as pending.
 */
export async function activateModel(embedder: Embedder, jobs: JobManager, id: string): Promise<ModelInfo> {
  const model = await embedder.verify(id)
  if (id !== embedder.modelId) {
    const unfinished = jobs.list().filter((job) => job.state === 'running' || job.state === 'queued')
    const training = unfinished.find((job) => job.kind === 'train')
    if (training) {
      throw new ApiError(
        'conflict',
        `A classifier is being trained on the embeddings of "${embedder.modelId}" (job ${training.id}): let it finish or ` +
          'cancel it before choosing another model.',
      )
    }
    for (const job of unfinished) if (job.kind === 'index') jobs.cancel(job.id)
    embedder.use(id)
  }
  return describeModel(model, embedder.modelId)
}

export function describeModel(listing: ModelListing, activeId: string): ModelInfo {
  const active = listing.id === activeId
  if ('error' in listing) return { id: listing.id, name: listing.id, dimension: 0, problem: listing.error.message, active }
  return { id: listing.id, name: listing.manifest.name, dimension: listing.manifest.dimension, problem: null, active }
}
