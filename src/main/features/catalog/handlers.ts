import type { LoupeHandlers } from '../../../shared/api/contract'
import type { CatalogService } from './catalog-service'

export function catalogHandlers(catalog: CatalogService): LoupeHandlers['catalog'] {
  return {
    stats: () => catalog.stats(),
    listImages: (request) => catalog.listImages(request),
    getImage: ({ id }) => catalog.getImage(id),
    listLabels: () => catalog.listLabels(),
    labelImages: ({ imageIds, label }) => ({ changed: catalog.labelImages(imageIds, label) }),
    setStatus: ({ imageIds, status }) => ({ changed: catalog.setStatus(imageIds, status) }),
    removeImages: ({ imageIds }) => ({ removed: catalog.removeImages(imageIds) }),
  }
}
