import { ApiError } from '../../shared/api/errors'
import type { ModelInfo } from '../../shared/api/schemas'
import { ModelError, type InstalledModel, type ModelListing } from '../ml'
import type { Embedder } from './embedder'

export async function listModels(embedder: Embedder): Promise<ModelInfo[]> {
  return (await embedder.models.list()).map(describeModel)
}

/** Verifies a model folder and copies it into the workspace; a broken one is refused with what is wrong. */
export async function addModel(embedder: Embedder, dir: string): Promise<InstalledModel> {
  try {
    return await embedder.models.addModelFromFolder(dir)
  } catch (error) {
    if (error instanceof ModelError) throw new ApiError('bad_request', error.message, { model: error.code })
    throw error
  }
}

export function describeModel(listing: ModelListing): ModelInfo {
  if ('error' in listing) return { id: listing.id, name: listing.id, dimension: 0, problem: listing.error.message }
  return { id: listing.id, name: listing.manifest.name, dimension: listing.manifest.dimension, problem: null }
}
