import type { EventBus } from '../../platform/events/event-bus'
import type { JobManager } from '../../platform/jobs/job-manager'
import type { MapService } from './map-service'

/**
 * Keeps a model's map current while the workspace stays open: once indexing saved new embeddings of a model that has
 * a layout, the new images are placed on it by a background 'map-layout' job (which gives way to any job a person
 * starts). A model with no layout yet waits for someone to ask for its map: a first layout is the long part.
 */
export function keepMapCurrent(events: EventBus, jobs: JobManager, map: MapService): () => void {
  return events.on('search.indexChanged', ({ modelId }) => {
    const layout = map.store.layout(modelId)
    if (!layout || jobs.active('map-layout') !== undefined || map.store.counts(modelId).unplaced === 0) return
    jobs.start('map-layout', { modelId, fresh: false, seed: layout.seed }, { background: true })
  })
}
