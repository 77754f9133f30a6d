import { ApiError } from '../../../shared/api/errors'
import type { ClassifierStore, StoredClassifier } from './classifier-store'

/**
 * The active version, refused (typed ApiError 'conflict', with the reason) when there is none or when it takes
 * embeddings from another backbone than the one this workspace embeds with.
 */
export function requireActiveClassifier(store: ClassifierStore, modelId: string): StoredClassifier {
  const id = store.activeId()
  if (id === null) {
    throw new ApiError('conflict', 'There is no classifier yet: train one first (Train in the app, or "loupe train").')
  }
  const loaded = store.load(id)
  if (loaded.summary.backbone !== modelId) {
    throw new ApiError(
      'conflict',
      `The active classifier takes embeddings from "${loaded.summary.backbone}", but this workspace embeds with "${modelId}".`,
    )
  }
  return loaded
}
