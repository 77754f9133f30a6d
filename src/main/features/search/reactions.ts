import type { EventBus } from '../../platform/events/event-bus'
import type { SearchService } from './search-service'

/** Search answers from cached vectors: drop them whenever embeddings change or images leave the catalogue. */
export function keepSearchCurrent(events: EventBus, search: SearchService): () => void {
  const refresh = () => {
    search.invalidate()
    // Large catalogues get their approximate index rebuilt in the background as soon as the embeddings change.
    void search.prepareIndex().catch(() => undefined)
  }
  const offIndex = events.on('search.indexChanged', refresh)
  const offCatalog = events.on('catalog.changed', ({ reason }) => {
    if (reason === 'removed') refresh()
  })
  return () => {
    offIndex()
    offCatalog()
  }
}
