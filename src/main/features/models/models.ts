import { ApiError } from '../../../shared/api/errors'
import type { ModelInfo } from '../../../shared/api/schemas'
import type { JobManager } from '../../platform/jobs/job-manager'
import { ModelError, type ModelListing } from '../../engines/ml'
import type { Embedder } from './embedder'

export async function listModels(embedder: Embedder): Promise<ModelInfo[]> {
  return (await embedder.models.list()).map((listing) => describeModel(listing, embedder.modelId))
}

/**
 * Verifies a model folder and copies it into the workspace; a broken one is refused with what is wrong. While the
 * model in use is not installed (a new workspace whose default model was never added), the added one takes its place.
 */
export async function addModel(embedder: Embedder, dir: string): Promise<{ model: ModelInfo; activated: boolean }> {
  let added
  try {
    added = await embedder.models.addModelFromFolder(dir)
  } catch (error) {
    if (error instanceof ModelError) throw new ApiError('bad_request', error.message, { model: error.code })
    throw error
  }
  const activated = added.id !== embedder.modelId && !(await embedder.models.has(embedder.modelId))
  if (activated) embedder.use(added.id)
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
