import type { LoupeClient } from '../../../shared/api/client'
import type { DicomStack } from '../../../shared/api/schemas'
import { ImagePageCache } from '../catalog/ImagePageCache'
import { screens } from '../screens/screens'

/**
 * Opens the annotation workspace on the reader's series, in the reader's order, at the slice shown: the workspace
 * then steps through the same slices, and closing it comes back to the reader.
 */
export async function annotateStack(client: LoupeClient, stack: DicomStack, index: number, onError: (error: unknown) => void): Promise<void> {
  const imageIds = stack.slices.map((slice) => slice.imageId)
  const cache = new ImagePageCache(async (offset, limit) => {
    const ids = imageIds.slice(offset, offset + limit)
    const page = await client.api.catalog.listImages({ filter: { imageIds: ids }, limit: Math.max(1, ids.length) })
    const byId = new Map(page.items.map((item) => [item.id, item]))
    // An image removed meanwhile is left out of the page rather than shown as another.
    return { total: imageIds.length, offset, items: ids.flatMap((id) => byId.get(id) ?? []) }
  }, onError)
  // The workspace reads the count and the slice's page straight away.
  await cache.range(0, index)
  screens.open('annotate', { images: { from: 'list', cache }, index, imageId: imageIds[index] ?? null })
}
